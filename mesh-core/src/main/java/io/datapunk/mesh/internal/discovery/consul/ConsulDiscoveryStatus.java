package io.datapunk.mesh.internal.discovery.consul;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.datapunk.mesh.internal.discovery.DiscoveryStatusSource;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Consul's part of the mesh's status: this application's registration (state, ids, last
 * error, since when) and each watched service's list (fresh or stale, its age, Consul's
 * index, instances, last error). Holds no token: none of what it reads carries one.
 *
 * @author datapunk mesh team
 */
public class ConsulDiscoveryStatus implements DiscoveryStatusSource {

	private final ObjectProvider<ConsulServiceWatches> watches;

	private final ObjectProvider<ConsulRegistrationState> registration;

	public ConsulDiscoveryStatus(ObjectProvider<ConsulServiceWatches> watches,
			ObjectProvider<ConsulRegistrationState> registration) {
		this.watches = watches;
		this.registration = registration;
	}

	@Override
	public String statusName() {
		return "consul";
	}

	@Override
	public Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		ConsulRegistrationState state = this.registration.getIfAvailable();
		if (state != null) {
			ConsulRegistrationState.Snapshot current = state.current();
			Map<String, Object> registration = new LinkedHashMap<>();
			registration.put("state", current.status().name());
			putIfPresent(registration, "serviceId", current.serviceId());
			putIfPresent(registration, "instanceId", current.instanceId());
			putIfPresent(registration, "lastError", current.lastError());
			putIfPresent(registration, "since", current.since());
			status.put("registration", registration);
		}
		ConsulServiceWatches watches = this.watches.getIfAvailable();
		if (watches != null) {
			Map<String, Object> services = new TreeMap<>();
			watches.statuses().forEach((serviceId, watch) -> {
				Map<String, Object> service = new LinkedHashMap<>();
				service.put("fresh", watch.isFresh());
				putIfPresent(service, "age", watch.getAge());
				putIfPresent(service, "lastAnswer", watch.getLastAnswer());
				service.put("index", watch.getIndex());
				service.put("instances", watch.getInstances());
				putIfPresent(service, "lastError", watch.getLastError());
				services.put(serviceId, service);
			});
			status.put("watches", services);
		}
		return status;
	}

	private static void putIfPresent(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
