package io.datapunk.mesh.autoconfigure.balancer;

import io.datapunk.mesh.LoadBalancing;
import io.datapunk.mesh.autoconfigure.config.MeshProperties;
import io.datapunk.mesh.internal.config.MeshSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.balancer.ConfiguredLoadBalancer;
import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.internal.balancer.RandomLoadBalancer;
import io.datapunk.mesh.internal.balancer.WeightedLoadBalancer;
import io.datapunk.mesh.internal.balancer.TestInstances;

/**
 * Each service gets its configured strategy (the zone preference is the call engine's
 * candidate chain: {@code CandidateChainTests}).
 */
class ConfiguredLoadBalancerTests {

	@Test
	void serviceStrategyShouldOverrideTheDefaultOne() {
		MeshProperties properties = new MeshProperties();
		properties.getDefaults().setLoadBalancer(LoadBalancing.RANDOM);
		MeshProperties.Service billing = new MeshProperties.Service();
		billing.setLoadBalancer(LoadBalancing.WEIGHTED);
		properties.getServices().put("billing", billing);
		ConfiguredLoadBalancer balancer = new ConfiguredLoadBalancer(new MeshSettings(properties, null),
				new InstanceLoads());
		assertThat(balancer.strategyOf("billing")).isInstanceOf(WeightedLoadBalancer.class);
		assertThat(balancer.strategyOf("inventory")).isInstanceOf(RandomLoadBalancer.class);
	}

	@Test
	void everyStrategyShouldHaveAnImplementation() {
		for (LoadBalancing strategy : LoadBalancing.values()) {
			MeshProperties properties = new MeshProperties();
			properties.getDefaults().setLoadBalancer(strategy);
			ConfiguredLoadBalancer balancer = new ConfiguredLoadBalancer(new MeshSettings(properties, null),
					new InstanceLoads());
			assertThat(balancer.choose("inventory", TestInstances.of("inventory", 3))).isNotNull();
		}
	}

}
