package io.datapunk.mesh.spi;

import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * A {@link DiscoveryClient} that answers, better, for another discovery client on the
 * class path, which mesh discovery then leaves out: the mesh's Consul watches supersede
 * spring-cloud-consul's {@code ConsulDiscoveryClient}, which queries Consul on every
 * lookup.
 *
 * @since 0.1.0
 */
public interface SupersedingDiscoveryClient extends DiscoveryClient {

	/**
	 * Tell whether this client answers for the other one.
	 * @param other another discovery client bean
	 * @return {@code true} if mesh discovery should not ask the other client
	 */
	boolean supersedes(DiscoveryClient other);

}
