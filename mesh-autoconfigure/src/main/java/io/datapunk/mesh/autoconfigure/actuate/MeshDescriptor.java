package io.datapunk.mesh.autoconfigure.actuate;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The whole mesh as this application sees it: {@code GET /actuator/mesh}.
 *
 * @param serviceName this application's name in the mesh, or {@code null}
 * @param configVersion the configuration's version label, or {@code null}
 * @param zone this application's zone, or {@code null}
 * @param discovery where instances come from
 * @param services a summary of each configured or called service, by name
 * @since 0.1.0
 */
public record MeshDescriptor(String serviceName, String configVersion, String zone, DiscoveryDescriptor discovery,
		Map<String, ServiceSummary> services) implements OperationResponseBody {

	/**
	 * Where instances come from.
	 *
	 * @param sources the discovery sources, asked in this order
	 * @param status the state of each part of discovery that reports one (Consul's
	 * registration and watches, DNS lookups, the cache tiers), by name
	 */
	public record DiscoveryDescriptor(String sources, Map<String, Map<String, Object>> status) {

	}

	/**
	 * One service in brief.
	 *
	 * @param status {@code UP}, or {@code DOWN} when no instance is available or the
	 * breaker is open
	 * @param instances the instances discovery knows
	 * @param available those not ejected
	 * @param ejected those ejected
	 * @param circuitBreaker the breaker's state, {@code DISABLED} without one
	 * @param loadBalancer the strategy that picks instances
	 * @param critical whether readiness depends on the service
	 */
	public record ServiceSummary(String status, int instances, int available, int ejected, String circuitBreaker,
			String loadBalancer, boolean critical) {

	}

}
