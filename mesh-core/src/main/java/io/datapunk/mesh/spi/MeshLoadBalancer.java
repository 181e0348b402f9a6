package io.datapunk.mesh.spi;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Chooses the instance an attempt goes to. A bean of this type replaces the mesh's own.
 * Implementations must be thread-safe: every call of every service goes through one.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MeshLoadBalancer {

	/**
	 * Choose one instance.
	 * @param serviceId the called service
	 * @param instances the candidates, never empty
	 * @return one of the candidates
	 */
	ServiceInstance choose(String serviceId, List<ServiceInstance> instances);

}
