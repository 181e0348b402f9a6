package io.datapunk.mesh.internal.balancer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.datapunk.mesh.LoadBalancing;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.discovery.ServiceStateHolder;

import org.springframework.cloud.client.ServiceInstance;
import io.datapunk.mesh.spi.MeshLoadBalancer;

/**
 * The mesh's {@link MeshLoadBalancer}: each service's strategy as configured
 * ({@code mesh.services.<name>.load-balancer}, else {@code mesh.defaults.load-balancer},
 * else {@code p2c-ewma}). The instances it gets are already the call engine's candidates
 * (ejected instances left out, or all in panic mode; those not tried yet by the call;
 * those in this application's zone when {@code mesh.zone} is set and any are there).
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class ConfiguredLoadBalancer implements MeshLoadBalancer, ServiceStateHolder {

	private final MeshSettings settings;

	private final Map<LoadBalancing, MeshLoadBalancer> strategies = new EnumMap<>(LoadBalancing.class);

	/**
	 * Create the balancer.
	 * @param settings the mesh settings
	 * @param loads the loads the call pipeline reports
	 */
	public ConfiguredLoadBalancer(MeshSettings settings, InstanceLoads loads) {
		this.settings = settings;
		this.strategies.put(LoadBalancing.P2C_EWMA, new PeakEwmaLoadBalancer(loads));
		this.strategies.put(LoadBalancing.ROUND_ROBIN, new RoundRobinLoadBalancer());
		this.strategies.put(LoadBalancing.RANDOM, new RandomLoadBalancer());
		this.strategies.put(LoadBalancing.WEIGHTED, new WeightedLoadBalancer());
		this.strategies.put(LoadBalancing.LEAST_REQUEST, new LeastRequestLoadBalancer(loads));
	}

	@Override
	public ServiceInstance choose(String serviceId, List<ServiceInstance> instances) {
		return strategyOf(serviceId).choose(serviceId, instances);
	}

	/**
	 * Forget what the strategies keep for idle services.
	 * @param serviceIds idle services
	 */
	@Override
	public void release(Set<String> serviceIds) {
		this.strategies.values()
			.stream()
			.filter(ServiceStateHolder.class::isInstance)
			.forEach((strategy) -> ((ServiceStateHolder) strategy).release(serviceIds));
	}

	/**
	 * Return the strategy a service uses.
	 * @param serviceId the service name
	 * @return the strategy
	 */
	public MeshLoadBalancer strategyOf(String serviceId) {
		return this.strategies.get(this.settings.service(serviceId).loadBalancer());
	}

}
