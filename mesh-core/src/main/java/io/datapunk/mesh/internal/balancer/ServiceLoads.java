package io.datapunk.mesh.internal.balancer;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The {@link InstanceLoad} of each instance of one service, by address (host and port),
 * found without allocating: a balancer looks up two per call, and a key object built for
 * each look-up was most of what a choice allocated. Look-ups take no lock; adding and
 * forgetting take this object's lock. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class ServiceLoads {

	private static final PortLoad[] NONE = {};

	// Keyed by host, then matched on port. The arrays are replaced, never changed, so
	// readers see whole ones.
	private final Map<String, PortLoad[]> byHost = new ConcurrentHashMap<>();

	private final long decayNanos;

	private volatile int size;

	ServiceLoads(long decayNanos) {
		this.decayNanos = decayNanos;
	}

	/**
	 * Return the load of an instance, creating it on first use.
	 * @param instance the instance
	 * @return its load
	 */
	InstanceLoad of(ServiceInstance instance) {
		String host = hostOf(instance);
		int port = instance.getPort();
		PortLoad[] sameHost = this.byHost.get(host);
		if (sameHost != null) {
			for (PortLoad candidate : sameHost) {
				if (candidate.port() == port) {
					return candidate.load();
				}
			}
		}
		return add(host, port);
	}

	private synchronized InstanceLoad add(String host, int port) {
		PortLoad[] sameHost = this.byHost.getOrDefault(host, NONE);
		for (PortLoad candidate : sameHost) {
			if (candidate.port() == port) {
				// Added by another thread in the meantime.
				return candidate.load();
			}
		}
		PortLoad[] grown = Arrays.copyOf(sameHost, sameHost.length + 1);
		grown[sameHost.length] = new PortLoad(port, new InstanceLoad(this.decayNanos));
		this.byHost.put(host, grown);
		this.size = this.size + 1;
		return grown[sameHost.length].load();
	}

	/**
	 * Return how many instances have a load.
	 * @return the count
	 */
	int size() {
		return this.size;
	}

	/**
	 * Forget the instances not in a list that have nothing in flight.
	 * @param current the instances to keep
	 */
	synchronized void retain(List<ServiceInstance> current) {
		Set<String> keep = new HashSet<>();
		current.forEach((instance) -> keep.add(hostOf(instance) + ":" + instance.getPort()));
		int kept = 0;
		for (Map.Entry<String, PortLoad[]> entry : this.byHost.entrySet()) {
			PortLoad[] rest = Arrays.stream(entry.getValue())
				.filter((candidate) -> keep.contains(entry.getKey() + ":" + candidate.port())
						|| candidate.load().inFlight() > 0)
				.toArray(PortLoad[]::new);
			if (rest.length == 0) {
				this.byHost.remove(entry.getKey());
			}
			else if (rest.length < entry.getValue().length) {
				this.byHost.put(entry.getKey(), rest);
			}
			kept += rest.length;
		}
		this.size = kept;
	}

	private static String hostOf(ServiceInstance instance) {
		// An unusable address may come without a host: it still gets a load, as before.
		String host = instance.getHost();
		return (host != null) ? host : "";
	}

	private record PortLoad(int port, InstanceLoad load) {
	}

}
