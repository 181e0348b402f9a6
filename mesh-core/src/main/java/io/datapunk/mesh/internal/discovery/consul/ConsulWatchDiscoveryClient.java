package io.datapunk.mesh.internal.discovery.consul;

import java.time.Duration;
import java.util.List;

import io.datapunk.mesh.internal.discovery.PushingDiscoveryClient;
import io.datapunk.mesh.internal.discovery.SourceFreshness;
import io.datapunk.mesh.spi.SupersedingDiscoveryClient;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * A {@link DiscoveryClient} over the mesh's {@link ConsulServiceWatches}: a lookup reads
 * the last passing instances a watch received, and never waits on Consul once the service
 * is watched. It supersedes spring-cloud-consul's {@code ConsulDiscoveryClient}.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class ConsulWatchDiscoveryClient implements SupersedingDiscoveryClient, PushingDiscoveryClient, SourceFreshness {

	private static final String CONSUL_DISCOVERY_CLIENT = "org.springframework.cloud.consul.discovery.ConsulDiscoveryClient";

	private final ConsulServiceWatches watches;

	/**
	 * Create a client over the given watches.
	 * @param watches the watches
	 */
	public ConsulWatchDiscoveryClient(ConsulServiceWatches watches) {
		this.watches = watches;
	}

	@Override
	public String description() {
		return "Consul (watched services)";
	}

	@Override
	public boolean published(Object eventSource) {
		return eventSource == this.watches;
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		return this.watches.instances(serviceId);
	}

	/**
	 * Return how long Consul has not answered the watch of a service, so that a list kept
	 * from before Consul went away is never taken for a current one.
	 * @param serviceId the service
	 * @return {@code null} while the list is current, otherwise its age
	 */
	@Override
	public Duration staleFor(String serviceId) {
		return this.watches.staleFor(serviceId);
	}

	/**
	 * Return the watched services; the catalog is never listed.
	 * @return the names of the watched services
	 */
	@Override
	public List<String> getServices() {
		return this.watches.watchedServices();
	}

	@Override
	public boolean supersedes(DiscoveryClient other) {
		for (Class<?> type = other.getClass(); type != null; type = type.getSuperclass()) {
			if (CONSUL_DISCOVERY_CLIENT.equals(type.getName())) {
				return true;
			}
		}
		return false;
	}

}
