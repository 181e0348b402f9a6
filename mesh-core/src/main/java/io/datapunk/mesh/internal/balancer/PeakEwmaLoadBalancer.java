package io.datapunk.mesh.internal.balancer;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import io.datapunk.mesh.spi.MeshLoadBalancer;

/**
 * {@link MeshLoadBalancer} that sends a request to the cheaper of two instances picked at
 * random, the cost being the instance's peak-sensitive latency average times its requests
 * in flight plus one (Finagle's and Linkerd's power of two choices over Peak EWMA). An
 * instance with no answers yet costs nothing, so new instances get tried; a slow one gets
 * little traffic until its average decays or its answers speed up. Between two idle
 * instances (nothing in flight), costs less than {@value #TIE_RATIO} times apart are a
 * tie, which goes to the instance that waited longer: at low load, latencies that differ
 * by noise alone would otherwise send nearly every call to the two cheapest of three
 * instances (the averages move little between calls that are seconds apart), while at a
 * tie similar instances take turns. Under load the costs decide alone, so requests in
 * flight never make a slow instance look as cheap. Thread-safe.
 *
 * @since 0.1.0
 */
public class PeakEwmaLoadBalancer implements MeshLoadBalancer {

	/**
	 * Ratio under which two costs are the same for the balancer when neither instance has
	 * requests in flight. At 2, answers that differ by scheduling noise alone (a stalled
	 * thread, a collection) still starved one of three healthy instances in about 3 % of
	 * 30-call runs on an idle machine; at 4, none in 60. A slow instance is tens of times
	 * slower, and under load the costs decide alone.
	 */
	static final double TIE_RATIO = 4.0;

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
		int size = instances.size();
		if (size == 1) {
			return instances.get(0);
		}
		// No lambda: one capturing the service's loads and the time was an object per
		// call wherever the JIT did not inline it.
		long pair = TwoChoices.pair(size);
		return cheaper(this.loads.forService(serviceId), instances.get(TwoChoices.first(pair)),
				instances.get(TwoChoices.second(pair)), System.nanoTime());
	}

	private ServiceInstance cheaper(ServiceLoads service, ServiceInstance a, ServiceInstance b, long now) {
		InstanceLoad loadA = this.loads.of(service, a);
		InstanceLoad loadB = this.loads.of(service, b);
		double costA = loadA.cost(now);
		double costB = loadB.cost(now);
		if (costA == costB || (loadA.inFlight() == 0 && loadB.inFlight() == 0 && costA < costB * TIE_RATIO
				&& costB < costA * TIE_RATIO)) {
			return loadA.begunBefore(loadB) ? a : b;
		}
		return (costA < costB) ? a : b;
	}

}
