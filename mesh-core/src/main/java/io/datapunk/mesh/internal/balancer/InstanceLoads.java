package io.datapunk.mesh.internal.balancer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.datapunk.mesh.internal.discovery.ServiceStateHolder;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The {@link InstanceLoad} of every instance the mesh called, per service, keyed by
 * address (host and port), so that the same instance found by two discovery sources
 * shares one. The mesh's call pipeline reports each attempt here; load-aware balancers
 * read it. Thread-safe.
 *
 * @since 0.1.0
 */
public class InstanceLoads implements ServiceStateHolder {

	/**
	 * Time constant of the latency averages by default, Finagle's: an answer's weight
	 * halves in about 7 s.
	 */
	public static final Duration DEFAULT_DECAY = Duration.ofSeconds(10);

	private final Map<String, ServiceLoads> services = new ConcurrentHashMap<>();

	private final long decayNanos;

	/**
	 * Create the registry with the default time constant.
	 */
	public InstanceLoads() {
		this(DEFAULT_DECAY);
	}

	/**
	 * Create the registry.
	 * @param decay time constant of the latency averages: how fast old answers and an
	 * idle instance's average fade
	 */
	public InstanceLoads(Duration decay) {
		if (decay == null || decay.isNegative() || decay.isZero()) {
			throw new IllegalArgumentException("decay must be > 0, but was " + decay);
		}
		this.decayNanos = decay.toNanos();
	}

	/**
	 * Return the load of an instance, creating it on first use.
	 * @param serviceId the service name
	 * @param instance the instance
	 * @return its load
	 */
	public InstanceLoad of(String serviceId, ServiceInstance instance) {
		return of(forService(serviceId), instance);
	}

	/**
	 * Return the loads of a service's instances, for several look-ups in a row.
	 * @param serviceId the service name
	 * @return the loads, to pass to {@link #of(ServiceLoads, ServiceInstance)}
	 */
	ServiceLoads forService(String serviceId) {
		ServiceLoads loads = this.services.get(serviceId);
		return (loads != null) ? loads
				: this.services.computeIfAbsent(serviceId, (id) -> new ServiceLoads(this.decayNanos));
	}

	InstanceLoad of(ServiceLoads loads, ServiceInstance instance) {
		return loads.of(instance);
	}

	/**
	 * Forget the instances of a service that are not in a list and have nothing in
	 * flight, once the loads kept outnumber the list by far: the map follows discovery
	 * without a sweep on every call.
	 * @param serviceId the service name
	 * @param current the instances known now
	 */
	public void retain(String serviceId, List<ServiceInstance> current) {
		ServiceLoads loads = this.services.get(serviceId);
		if (loads == null || loads.size() <= 2 * current.size() + 8) {
			return;
		}
		loads.retain(current);
	}

	/**
	 * Forget the loads of idle services. A call still in flight keeps its instance's load
	 * to the end; the next call starts from none.
	 * @param serviceIds idle services
	 */
	@Override
	public void release(Set<String> serviceIds) {
		serviceIds.forEach(this.services::remove);
	}

}
