package io.datapunk.mesh.internal.balancer;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round robin takes each instance in turn, per service.
 */
class RoundRobinLoadBalancerTests {

	private final RoundRobinLoadBalancer balancer = new RoundRobinLoadBalancer();

	@Test
	void chooseShouldCycleThroughInstancesInOrder() {
		List<ServiceInstance> instances = instances("inventory", 3);
		List<String> chosen = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			chosen.add(this.balancer.choose("inventory", instances).getInstanceId());
		}
		// The start is random; after it, the order is fixed.
		assertThat(chosen.subList(3, 6)).isEqualTo(chosen.subList(0, 3));
		assertThat(chosen.subList(0, 3)).containsExactlyInAnyOrder("inventory-0", "inventory-1", "inventory-2");
	}

	@Test
	void servicesShouldHaveTheirOwnPositions() {
		List<ServiceInstance> inventory = instances("inventory", 2);
		String first = this.balancer.choose("inventory", inventory).getInstanceId();
		this.balancer.choose("billing", instances("billing", 2));
		this.balancer.choose("billing", instances("billing", 2));
		assertThat(this.balancer.choose("inventory", inventory).getInstanceId()).isNotEqualTo(first);
	}

	private static List<ServiceInstance> instances(String serviceId, int count) {
		List<ServiceInstance> instances = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			instances.add(new DefaultServiceInstance(serviceId + "-" + i, serviceId, "10.0.0." + i, 8080, false));
		}
		return instances;
	}

}
