package io.datapunk.mesh.internal.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import io.datapunk.mesh.spi.MeshDiscovery;

/**
 * {@link MeshDiscovery} that asks several discovery clients in order and joins their
 * answers, dropping an instance another client already returned (same scheme, host and
 * port). A client that fails is logged and skipped, so one broken source does not hide
 * the others; {@link #lookup} tells such a failure from an empty answer, for a cache that
 * would rather serve the last list it knows. An instance whose address no HTTP client can
 * call is dropped here, with one WARN ({@link InstanceAddresses}). Thread-safe if the
 * clients are.
 *
 * @since 0.1.0
 */
public class CompositeMeshDiscovery implements MeshDiscovery {

	private static final Log logger = LogFactory.getLog(CompositeMeshDiscovery.class);

	private final List<DiscoveryClient> clients;

	private final String description;

	/**
	 * Create a lookup over the given clients.
	 * @param clients the clients, asked in this order
	 */
	public CompositeMeshDiscovery(List<DiscoveryClient> clients) {
		this.clients = List.copyOf(clients);
		this.description = this.clients.stream().map(DiscoveryClient::description).collect(Collectors.joining(", "));
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		List<ServiceInstance> only = List.of();
		List<ServiceInstance> joined = null;
		for (DiscoveryClient client : this.clients) {
			List<ServiceInstance> instances = instancesOf(client, serviceId);
			if (instances.isEmpty()) {
				continue;
			}
			if (only.isEmpty()) {
				// Most services come from one source: hand its list over without copying.
				only = instances;
			}
			else {
				joined = (joined != null) ? joined : new ArrayList<>(only);
				joined.addAll(instances);
			}
		}
		return (joined != null) ? DiscoveryResult.withoutDuplicates(joined) : only;
	}

	/**
	 * Look up the instances of a service, keeping the static instances apart from those
	 * of the discovery clients, and the clients that failed.
	 * @param serviceId a valid service name
	 * @return what was found; never {@code null}
	 */
	public DiscoveryResult lookup(String serviceId) {
		List<ServiceInstance> configured = List.of();
		List<ServiceInstance> discovered = new ArrayList<>();
		List<String> failed = List.of();
		List<DiscoveryResult.StaleSource> stale = List.of();
		for (DiscoveryClient client : this.clients) {
			List<ServiceInstance> instances;
			Duration staleFor;
			try {
				instances = client.getInstances(serviceId);
				staleFor = (client instanceof SourceFreshness freshness) ? freshness.staleFor(serviceId) : null;
			}
			catch (Throwable ex) {
				// Any throwable, Errors included (a linkage error in a client library, an
				// assertion): one broken client must not end the refresh of the others.
				logFailure(client, serviceId, ex);
				failed = (failed.isEmpty()) ? new ArrayList<>() : failed;
				failed.add(client.description());
				continue;
			}
			if (staleFor != null && instances != null && !instances.isEmpty()) {
				stale = (stale.isEmpty()) ? new ArrayList<>() : stale;
				stale.add(new DiscoveryResult.StaleSource(client.description(), staleFor));
			}
			if (client instanceof StaticDiscoveryClient) {
				configured = (instances != null) ? instances : List.of();
			}
			else if (instances != null) {
				discovered.addAll(InstanceAddresses.usable(client.description(), serviceId, instances));
			}
		}
		return new DiscoveryResult(configured, DiscoveryResult.withoutDuplicates(discovered), List.copyOf(failed),
				List.copyOf(stale));
	}

	/**
	 * Turn a list that a discovery client pushed into what a lookup would have found, if
	 * that client is the only one asked besides the static instances (and Spring Cloud's
	 * {@link SimpleDiscoveryClient}, which knows nothing of the service): the same
	 * address rules apply as to a looked-up list, and the static instances come first.
	 * @param serviceId a valid service name
	 * @param eventSource the source of the {@link ServiceInstancesChangedEvent}
	 * @param pushed the pushed list
	 * @return the result, or {@code null} if the list cannot stand for a lookup (another
	 * discovery client is asked too, or no client published it): the caller then looks
	 * the service up again
	 */
	public DiscoveryResult pushed(String serviceId, Object eventSource, List<ServiceInstance> pushed) {
		DiscoveryClient pusher = null;
		List<ServiceInstance> configured = List.of();
		for (DiscoveryClient client : this.clients) {
			if (client instanceof StaticDiscoveryClient) {
				configured = client.getInstances(serviceId);
			}
			else if (client instanceof SimpleDiscoveryClient simple) {
				// Spring Cloud's instances from configuration: read from memory.
				List<ServiceInstance> instances = simple.getInstances(serviceId);
				if (instances != null && !instances.isEmpty()) {
					return null;
				}
			}
			else if (pusher == null && client instanceof PushingDiscoveryClient pushing
					&& pushing.published(eventSource)) {
				pusher = client;
			}
			else {
				return null;
			}
		}
		if (pusher == null) {
			return null;
		}
		List<ServiceInstance> discovered = InstanceAddresses.usable(pusher.description(), serviceId, pushed);
		return new DiscoveryResult((configured != null) ? configured : List.of(),
				DiscoveryResult.withoutDuplicates(discovered), List.of());
	}

	private static List<ServiceInstance> instancesOf(DiscoveryClient client, String serviceId) {
		try {
			List<ServiceInstance> instances = client.getInstances(serviceId);
			if (instances == null) {
				return List.of();
			}
			// Static instances were checked at startup.
			return (client instanceof StaticDiscoveryClient) ? instances
					: InstanceAddresses.usable(client.description(), serviceId, instances);
		}
		catch (Throwable ex) {
			logFailure(client, serviceId, ex);
			return List.of();
		}
	}

	private static void logFailure(DiscoveryClient client, String serviceId, Throwable ex) {
		logger.warn("Discovery client '" + client.description() + "' failed to list instances of '" + serviceId + "': "
				+ ex);
	}

	/**
	 * Return the static instances of a service, from
	 * {@code mesh.services.<name>.instances}, without asking any discovery client.
	 * @param serviceId a valid service name
	 * @return the static instances, empty if none is configured
	 */
	public List<ServiceInstance> configuredInstances(String serviceId) {
		for (DiscoveryClient client : this.clients) {
			if (client instanceof StaticDiscoveryClient) {
				return client.getInstances(serviceId);
			}
		}
		return List.of();
	}

	/**
	 * Return whether any client other than the static instances may know a service, so
	 * that a cache knows whether there is anything worth sharing.
	 * @return {@code true} if a discovery client other than the static one is asked
	 */
	public boolean hasDiscoveryClients() {
		return this.clients.stream().anyMatch((client) -> !(client instanceof StaticDiscoveryClient));
	}

	@Override
	public String describeSources() {
		return this.description;
	}

}
