package io.datapunk.mesh.internal.discovery;

import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * A {@link DiscoveryClient} that learns new lists on its own (a Consul watch, a DNS
 * renewal) and hands them over in a {@link ServiceInstancesChangedEvent}: a pushed list
 * takes the place of the one a cache holds only if it is the answer of the cache's one
 * discovery client, since a list joined from several clients cannot be rebuilt from one
 * client's part.
 *
 * @since 0.1.0
 */
public interface PushingDiscoveryClient extends DiscoveryClient {

	/**
	 * Tell whether an event's source is this client, or what it reads.
	 * @param eventSource the {@link ServiceInstancesChangedEvent#getSource() source} of
	 * an event
	 * @return {@code true} if this client published it
	 */
	boolean published(Object eventSource);

}
