package io.datapunk.mesh.internal.balancer;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Least-request prefers instances with fewer requests in flight.
 */
class LeastRequestLoadBalancerTests {

	private final InstanceLoads loads = new InstanceLoads();

	private final LeastRequestLoadBalancer balancer = new LeastRequestLoadBalancer(this.loads);

	@Test
	void idleInstanceShouldBePreferred() {
		List<ServiceInstance> instances = TestInstances.of("inventory", 3);
		busy(instances.get(0), 5);
		busy(instances.get(1), 2);
		Map<String, Integer> counts = TestInstances.countPicks(this.balancer, instances, 3_000);
		// Of two picks, the idle one wins whenever drawn: two times in three.
		assertThat(counts.get("inventory-2")).isBetween(1_800, 2_200);
		// The busiest never beats the other two.
		assertThat(counts.get("inventory-0")).isNull();
	}

	@Test
	void ofTwoInstancesTheIdleOneShouldAlwaysWin() {
		List<ServiceInstance> instances = TestInstances.of("inventory", 2);
		busy(instances.get(0), 1);
		assertThat(TestInstances.countPicks(this.balancer, instances, 500)).containsOnlyKeys("inventory-1");
	}

	@Test
	void finishedRequestsShouldNoLongerCount() {
		List<ServiceInstance> instances = TestInstances.of("inventory", 2);
		InstanceLoad load = this.loads.of("inventory", instances.get(0));
		load.end(load.begin(), false);
		busy(instances.get(1), 1);
		assertThat(TestInstances.countPicks(this.balancer, instances, 100)).containsOnlyKeys("inventory-0");
	}

	@Test
	void loadsOfInstancesGoneFromDiscoveryShouldBeForgotten() {
		List<ServiceInstance> many = TestInstances.of("inventory", 40);
		many.forEach((instance) -> this.loads.of("inventory", instance));
		InstanceLoad kept = this.loads.of("inventory", many.get(0));
		this.loads.retain("inventory", many.subList(0, 2));
		assertThat(this.loads.of("inventory", many.get(0))).isSameAs(kept);
		assertThat(this.loads.of("inventory", many.get(30))).isNotSameAs(kept);
		this.loads.retain("inventory", many.subList(0, 2));
		assertThat(this.loads.forService("inventory").size()).isEqualTo(3);
	}

	private void busy(ServiceInstance instance, int requests) {
		for (int i = 0; i < requests; i++) {
			this.loads.of("inventory", instance).begin();
		}
	}

}
