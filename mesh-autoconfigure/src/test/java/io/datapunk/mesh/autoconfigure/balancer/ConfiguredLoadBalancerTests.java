package io.datapunk.mesh.autoconfigure.balancer;

import io.datapunk.mesh.autoconfigure.config.MeshSettingsResolver;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.LoadBalancing;
import io.datapunk.mesh.autoconfigure.config.MeshProperties;
import io.datapunk.mesh.internal.config.MeshSettings;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.balancer.ConfiguredLoadBalancer;
import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.internal.balancer.RandomLoadBalancer;
import io.datapunk.mesh.internal.balancer.WeightedLoadBalancer;
import io.datapunk.mesh.internal.balancer.TestInstances;

/**
 * Each service gets its configured strategy, after the zone preference.
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
			assertThat(balancer.choose("inventory", TestInstances.of("inventory", 3))).isNotNull();
		}
	}

	@Test
	void ownZoneShouldBePreferredWhenItHasInstances() {
		ConfiguredLoadBalancer balancer = inZone("eu-1");
		List<ServiceInstance> instances = List.of(TestInstances.withMetadata("inventory", 0, Map.of("zone", "eu-2")),
				TestInstances.withMetadata("inventory", 1, Map.of("zone", "eu-1")),
				TestInstances.withMetadata("inventory", 2, Map.of()));
		assertThat(TestInstances.countPicks(balancer, instances, 200)).containsOnlyKeys("inventory-1");
	}

	@Test
	void otherZonesShouldServeWhenOwnZoneHasNone() {
		ConfiguredLoadBalancer balancer = inZone("us-1");
		List<ServiceInstance> instances = List.of(TestInstances.withMetadata("inventory", 0, Map.of("zone", "eu-2")),
				TestInstances.withMetadata("inventory", 1, Map.of("zone", "eu-1")));
		assertThat(TestInstances.countPicks(balancer, instances, 200)).containsOnlyKeys("inventory-0", "inventory-1");
	}

	private static ConfiguredLoadBalancer inZone(String zone) {
		MeshProperties properties = new MeshProperties();
		properties.setZone(zone);
		properties.getDefaults().setLoadBalancer(LoadBalancing.ROUND_ROBIN);
		return new ConfiguredLoadBalancer(MeshSettingsResolver.resolve(properties, null), new InstanceLoads());
	}

}
