package io.datapunk.mesh.internal.balancer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.datapunk.mesh.internal.discovery.ServiceStateHolder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;
import io.datapunk.mesh.spi.MeshLoadBalancer;

/**
 * {@link MeshLoadBalancer} that picks an instance at random in proportion to the whole
 * number in its {@value #WEIGHT} metadata (1 when absent; an invalid value counts as 1
 * and is logged once). The cumulative weights are computed once per instance list that
 * discovery returns and reused while the list stays the same object. Thread-safe.
 *
 * @since 0.1.0
 */
public class WeightedLoadBalancer implements MeshLoadBalancer, ServiceStateHolder {

	/**
	 * Metadata key of an instance's weight.
	 */
	public static final String WEIGHT = "weight";

	private static final Log logger = LogFactory.getLog(WeightedLoadBalancer.class);

	private final Map<String, Weights> weights = new ConcurrentHashMap<>();

	/** Instances already reported for a bad weight, so the log says it once. */
	private static final Set<String> reported = ConcurrentHashMap.newKeySet();

	@Override
	public ServiceInstance choose(String serviceId, List<ServiceInstance> instances) {
		Weights current = this.weights.get(serviceId);
		if (current == null || current.instances != instances) {
			current = new Weights(serviceId, instances);
			this.weights.put(serviceId, current);
		}
		long ticket = ThreadLocalRandom.current().nextLong(current.total);
		int index = Arrays.binarySearch(current.cumulative, ticket + 1);
		return instances.get((index >= 0) ? index : -index - 1);
	}

	/**
	 * Forget the weights computed for idle services.
	 * @param serviceIds idle services
	 */
	@Override
	public void release(Set<String> serviceIds) {
		serviceIds.forEach(this.weights::remove);
	}

	private static final class Weights {

		private final List<ServiceInstance> instances;

		/** Running sums: instance i owns the tickets below cumulative[i]. */
		private final long[] cumulative;

		private final long total;

		Weights(String serviceId, List<ServiceInstance> instances) {
			this.instances = instances;
			this.cumulative = new long[instances.size()];
			long sum = 0;
			for (int i = 0; i < instances.size(); i++) {
				sum += weightOf(serviceId, instances.get(i));
				this.cumulative[i] = sum;
			}
			this.total = sum;
		}

		private static int weightOf(String serviceId, ServiceInstance instance) {
			String value = (instance.getMetadata() != null) ? instance.getMetadata().get(WEIGHT) : null;
			if (value == null) {
				return 1;
			}
			try {
				int weight = Integer.parseInt(value.trim());
				if (weight >= 1) {
					return weight;
				}
			}
			catch (NumberFormatException ex) {
				// Logged below.
			}
			if (reported.add(serviceId + "/" + instance.getHost() + ":" + instance.getPort())) {
				logger.warn("Instance " + instance.getHost() + ":" + instance.getPort() + " of service '" + serviceId
						+ "' has weight metadata that is not a whole number of at least 1; it counts as 1");
			}
			return 1;
		}

	}

}
