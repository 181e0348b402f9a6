package io.datapunk.mesh.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Narrows a service's instances to those in this application's zone (instance metadata
 * {@value #ZONE}), or leaves them all when none is there. The result is kept per service
 * while discovery returns the same list object, so the common case allocates nothing.
 * Thread-safe.
 *
 * @author datapunk mesh team
 */
final class ZonePreference {

	/**
	 * Metadata key of an instance's zone.
	 */
	static final String ZONE = "zone";

	private final String zone;

	private final Map<String, Narrowed> lastByService = new ConcurrentHashMap<>();

	ZonePreference(String zone) {
		this.zone = zone;
	}

	List<ServiceInstance> apply(String serviceId, List<ServiceInstance> instances) {
		Narrowed last = this.lastByService.get(serviceId);
		if (last != null && last.from == instances) {
			return last.to;
		}
		List<ServiceInstance> local = new ArrayList<>(instances.size());
		for (ServiceInstance instance : instances) {
			Map<String, String> metadata = instance.getMetadata();
			if (metadata != null && this.zone.equals(metadata.get(ZONE))) {
				local.add(instance);
			}
		}
		List<ServiceInstance> result = local.isEmpty() ? instances : local;
		this.lastByService.put(serviceId, new Narrowed(instances, result));
		return result;
	}

	void release(Set<String> serviceIds) {
		serviceIds.forEach(this.lastByService::remove);
	}

	private record Narrowed(List<ServiceInstance> from, List<ServiceInstance> to) {
	}

}
