package io.datapunk.mesh.internal.balancer;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.cloud.client.ServiceInstance;
import io.datapunk.mesh.spi.MeshLoadBalancer;

/**
 * {@link MeshLoadBalancer} that sends a request to the less busy of two instances picked
 * at random, busy meaning requests in flight (Envoy's least-request, power of two
 * choices). Two looks instead of a scan keep it cheap at any size and keep many clients
 * from all piling onto the one idle instance. Thread-safe.
 *
 * @since 0.1.0
 */
public class LeastRequestLoadBalancer implements MeshLoadBalancer {

	private final InstanceLoads loads;

	/**
	 * Create a balancer.
	 * @param loads the loads the call pipeline reports
	 */
	public LeastRequestLoadBalancer(InstanceLoads loads) {
		this.loads = loads;
	}

	@Override
	public ServiceInstance choose(String serviceId, List<ServiceInstance> instances) {
		int size = instances.size();
		if (size == 1) {
			return instances.get(0);
		}
		// No lambda: see PeakEwmaLoadBalancer.
		long pair = TwoChoices.pair(size);
		ServiceLoads service = this.loads.forService(serviceId);
		ServiceInstance a = instances.get(TwoChoices.first(pair));
		ServiceInstance b = instances.get(TwoChoices.second(pair));
		int inFlightA = this.loads.of(service, a).inFlight();
		int inFlightB = this.loads.of(service, b).inFlight();
		if (inFlightA == inFlightB) {
			return ThreadLocalRandom.current().nextBoolean() ? a : b;
		}
		return (inFlightA < inFlightB) ? a : b;
	}

}
