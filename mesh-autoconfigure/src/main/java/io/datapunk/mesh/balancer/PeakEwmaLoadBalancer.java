package io.datapunk.mesh.balancer;

import java.util.List;
import java.util.Map;

import org.springframework.cloud.client.ServiceInstance;

/**
 * {@link MeshLoadBalancer} that sends a request to the cheaper of two instances picked at
 * random, the cost being the instance's peak-sensitive latency average times its requests
 * in flight plus one (Finagle's and Linkerd's power of two choices over Peak EWMA). An
 * instance with no answers yet costs nothing, so new instances get tried; a slow one gets
 * little traffic until its average decays or its answers speed up. Thread-safe.
 *
 * @since 0.1.0
 */
public class PeakEwmaLoadBalancer implements MeshLoadBalancer {

	private final InstanceLoads loads;

	/**
	 * Create a balancer.
	 * @param loads the loads the call pipeline reports
	 */
	public PeakEwmaLoadBalancer(InstanceLoads loads) {
		this.loads = loads;
	}

	@Override
	public ServiceInstance choose(String serviceId, List<ServiceInstance> instances) {
		Map<InstanceLoads.Address, InstanceLoad> service = this.loads.forService(serviceId);
		long now = System.nanoTime();
		return TwoChoices.pick(instances, (instance) -> this.loads.of(service, instance).cost(now));
	}

}
