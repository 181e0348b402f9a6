package io.datapunk.mesh.autoconfigure.balancer;

import io.datapunk.mesh.autoconfigure.config.MeshSettingsResolver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.datapunk.mesh.LoadBalancing;
import io.datapunk.mesh.autoconfigure.config.MeshProperties;
import io.datapunk.mesh.internal.config.MeshSettings;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.balancer.ConfiguredLoadBalancer;
import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.internal.balancer.RandomLoadBalancer;
import io.datapunk.mesh.internal.balancer.WeightedLoadBalancer;

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
			assertThat(balancer.choose("inventory",
					List.of(instance(0, Map.of()), instance(1, Map.of()), instance(2, Map.of()))))
				.isNotNull();
		}
	}

	@Test
	void ownZoneShouldBePreferredWhenItHasInstances() {
		ConfiguredLoadBalancer balancer = inZone("eu-1");
		List<ServiceInstance> instances = List.of(instance(0, Map.of("zone", "eu-2")),
				instance(1, Map.of("zone", "eu-1")), instance(2, Map.of()));
		assertThat(picks(balancer, instances)).containsOnly("inventory-1");
	}

	@Test
	void otherZonesShouldServeWhenOwnZoneHasNone() {
		ConfiguredLoadBalancer balancer = inZone("us-1");
		List<ServiceInstance> instances = List.of(instance(0, Map.of("zone", "eu-2")),
				instance(1, Map.of("zone", "eu-1")));
		assertThat(picks(balancer, instances)).containsOnly("inventory-0", "inventory-1");
	}

	private static ConfiguredLoadBalancer inZone(String zone) {
		MeshProperties properties = new MeshProperties();
		properties.setZone(zone);
		properties.getDefaults().setLoadBalancer(LoadBalancing.ROUND_ROBIN);
		return new ConfiguredLoadBalancer(MeshSettingsResolver.resolve(properties, null), new InstanceLoads());
	}

	private static ServiceInstance instance(int index, Map<String, String> metadata) {
		return new DefaultServiceInstance("inventory-" + index, "inventory", "10.0.0." + index, 8080, false, metadata);
	}

	/** Instance ids of 200 picks among the instances. */
	private static Set<String> picks(ConfiguredLoadBalancer balancer, List<ServiceInstance> instances) {
		Set<String> picked = new TreeSet<>();
		for (int i = 0; i < 200; i++) {
			picked.add(balancer.choose("inventory", instances).getInstanceId());
		}
		return picked;
	}

}
