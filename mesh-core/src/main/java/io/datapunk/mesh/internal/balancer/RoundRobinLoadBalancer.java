package io.datapunk.mesh.internal.balancer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.datapunk.mesh.internal.discovery.ServiceStateHolder;

import org.springframework.cloud.client.ServiceInstance;
import io.datapunk.mesh.spi.MeshLoadBalancer;

/**
 * {@link MeshLoadBalancer} that takes each service's instances in turn. Each service has
 * its own position, starting at a random one so that many clients started at once do not
 * all begin with the same instance. Lock-free and thread-safe.
 *
 * @since 0.1.0
 */
public class RoundRobinLoadBalancer implements MeshLoadBalancer, ServiceStateHolder {

	private final Map<String, AtomicInteger> positions = new ConcurrentHashMap<>();

	@Override
	public ServiceInstance choose(String serviceId, List<ServiceInstance> instances) {
		AtomicInteger position = this.positions.computeIfAbsent(serviceId,
				(id) -> new AtomicInteger(ThreadLocalRandom.current().nextInt(1000)));
		// Clear the sign bit: the counter wraps to negative after 2^31 calls, and a
		// negative index would fail.
		int next = position.getAndIncrement() & Integer.MAX_VALUE;
		return instances.get(next % instances.size());
	}

	/**
	 * Forget the state kept for idle services.
	 * @param serviceIds idle services
	 */
	@Override
	public void release(Set<String> serviceIds) {
		serviceIds.forEach(this.positions::remove);
	}

}
