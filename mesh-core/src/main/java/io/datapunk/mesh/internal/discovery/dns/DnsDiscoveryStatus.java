package io.datapunk.mesh.internal.discovery.dns;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.datapunk.mesh.internal.discovery.DiscoveryStatusSource;

/**
 * DNS SRV discovery's part of the mesh's status: per service looked up, the SRV name
 * asked, the instances served, when DNS last answered and until when, and whether the
 * list is stale (lookups failing since when, with the last error).
 *
 * @author datapunk mesh team
 */
public class DnsDiscoveryStatus implements DiscoveryStatusSource {

	private final DnsDiscoveryClient client;

	public DnsDiscoveryStatus(DnsDiscoveryClient client) {
		this.client = client;
	}

	@Override
	public String statusName() {
		return "dns";
	}

	@Override
	public Map<String, Object> status() {
		Map<String, Object> services = new TreeMap<>();
		for (DnsServiceStatus entry : this.client.statuses()) {
			Map<String, Object> service = new LinkedHashMap<>();
			service.put("query", entry.queryName());
			service.put("instances", entry.instances().size());
			service.put("stale", entry.isStale());
			putIfPresent(service, "updatedAt", entry.updatedAt());
			putIfPresent(service, "expiresAt", entry.expiresAt());
			putIfPresent(service, "staleSince", entry.staleSince());
			putIfPresent(service, "lastError", entry.lastError());
			services.put(entry.serviceId(), service);
		}
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("services", services);
		return status;
	}

	private static void putIfPresent(Map<String, Object> map, String key, Object value) {
		if (value != null) {
			map.put(key, value);
		}
	}

}
