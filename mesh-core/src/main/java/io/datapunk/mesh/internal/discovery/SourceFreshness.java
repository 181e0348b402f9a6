package io.datapunk.mesh.internal.discovery;

import java.time.Duration;

import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * A {@link DiscoveryClient} that keeps the last answer of its server and can tell whether
 * that answer is current: a Consul watch or a DNS lookup that has lost its server still
 * returns its last list, and says here how old it is, so that a cache never takes it for
 * a fresh one (nor shares it as one).
 *
 * @since 0.1.0
 */
public interface SourceFreshness {

	/**
	 * Return how long this client has not heard from its server about a service.
	 * @param serviceId the service
	 * @return {@code null} while the last answer is current; otherwise the time since the
	 * server last answered for the service (the age of the list it returns)
	 */
	Duration staleFor(String serviceId);

}
