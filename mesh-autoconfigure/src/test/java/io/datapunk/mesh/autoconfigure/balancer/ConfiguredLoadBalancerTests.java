package io.datapunk.mesh.autoconfigure.balancer;

import java.util.List;
import io.datapunk.mesh.LoadBalancing;
import io.datapunk.mesh.autoconfigure.config.MeshProperties;
import io.datapunk.mesh.autoconfigure.config.MeshSettingsResolver;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.balancer.ConfiguredLoadBalancer;
import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.internal.balancer.RandomLoadBalancer;
import io.datapunk.mesh.internal.balancer.WeightedLoadBalancer;

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
		ConfiguredLoadBalancer balancer = new ConfiguredLoadBalancer(MeshSettingsResolver.resolve(properties, null),
				new InstanceLoads());
		assertThat(balancer.strategyOf("billing")).isInstanceOf(WeightedLoadBalancer.class);
		assertThat(balancer.strategyOf("inventory")).isInstanceOf(RandomLoadBalancer.class);
	}

	@Test
	void everyStrategyShouldHaveAnImplementation() {
		for (LoadBalancing strategy : LoadBalancing.values()) {
			MeshProperties properties = new MeshProperties();
			properties.getDefaults().setLoadBalancer(strategy);
			ConfiguredLoadBalancer balancer = new ConfiguredLoadBalancer(MeshSettingsResolver.resolve(properties, null),
					new InstanceLoads());
			assertThat(balancer.choose("inventory",
					List.of(new DefaultServiceInstance("inventory-0", "inventory", "10.0.0.1", 8080, false))))
				.isNotNull();
		}
	}

}
