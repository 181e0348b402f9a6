package io.datapunk.mesh.spi;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The mesh's one lookup of a service's instances; every call asks it, and later layers
 * (caching, health filtering) decorate it.
 *
 * @since 0.1.0
 */
public interface MeshDiscovery {

	/**
	 * Return the known instances of a service.
	 * @param serviceId a valid service name
	 * @return the instances, empty if none is known; never {@code null}
	 */
	List<ServiceInstance> getInstances(String serviceId);

	/**
	 * Describe where instances come from, for messages such as "service not found".
	 * @return a short description of the sources
	 */
	String describeSources();

}
