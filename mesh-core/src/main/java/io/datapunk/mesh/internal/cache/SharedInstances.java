package io.datapunk.mesh.internal.cache;

import java.time.Instant;
import java.util.List;

import org.springframework.cloud.client.ServiceInstance;

/**
 * An instance list as kept in the shared tier: what the discovery clients (not the static
 * configuration) returned, when, and from which sources.
 *
 * @param serviceId the service
 * @param instances the instances
 * @param fetchedAt when a discovery source returned them
 * @param source the discovery sources
 * @param origin the application instance that fetched them
 * @author datapunk mesh team
 */
public record SharedInstances(String serviceId, List<ServiceInstance> instances, Instant fetchedAt, String source,
		String origin) {

}
