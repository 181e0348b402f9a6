package io.datapunk.mesh.discovery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * {@link MeshDiscovery} that asks several discovery clients in order and joins their
 * answers, dropping an instance another client already returned (same scheme, host and
 * port). A client that fails is logged and skipped, so one broken source does not hide
 * the others. Thread-safe if the clients are.
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
		return (joined != null) ? withoutDuplicates(joined) : only;
	}

	private static List<ServiceInstance> withoutDuplicates(List<ServiceInstance> instances) {
		List<ServiceInstance> unique = new ArrayList<>(instances.size());
		Set<String> seen = new HashSet<>();
		for (ServiceInstance instance : instances) {
			if (seen.add(instance.getScheme() + "://" + instance.getHost() + ":" + instance.getPort())) {
				unique.add(instance);
			}
		}
		return unique;
	}

	private static List<ServiceInstance> instancesOf(DiscoveryClient client, String serviceId) {
		try {
			List<ServiceInstance> instances = client.getInstances(serviceId);
			return (instances != null) ? instances : List.of();
		}
		catch (RuntimeException ex) {
			logger.warn("Discovery client '" + client.description() + "' failed to list instances of '" + serviceId
					+ "': " + ex);
			return List.of();
		}
	}

	@Override
	public String describeSources() {
		return this.description;
	}

}
