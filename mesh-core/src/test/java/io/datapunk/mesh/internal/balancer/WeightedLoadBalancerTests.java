package io.datapunk.mesh.internal.balancer;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Weighted picks follow the instances' weight metadata.
 */
class WeightedLoadBalancerTests {

	private final WeightedLoadBalancer balancer = new WeightedLoadBalancer();

	@Test
	void weightsThreeToOneShouldGiveThreeQuartersOfPicksWithinFivePercent() {
		List<ServiceInstance> instances = List.of(TestInstances.withMetadata("inventory", 0, Map.of("weight", "3")),
				TestInstances.withMetadata("inventory", 1, Map.of("weight", "1")));
		// 200,000 random picks: 5 % of the smaller share is about 13 standard deviations,
		// so chance cannot fail the test (with 10,000 it was 3, and it failed about once
		// in 250 runs).
		int picks = 200_000;
		Map<String, Integer> counts = TestInstances.countPicks(this.balancer, instances, picks);
		assertThat(counts.get("inventory-0") / (double) picks).isCloseTo(0.75, within(0.05 * 0.75));
		assertThat(counts.get("inventory-1") / (double) picks).isCloseTo(0.25, within(0.05 * 0.25));
	}

	@Test
	void missingOrInvalidWeightShouldCountAsOne() {
		List<ServiceInstance> instances = List.of(TestInstances.withMetadata("inventory", 0, Map.of()),
				TestInstances.withMetadata("inventory", 1, Map.of("weight", "heavy")),
				TestInstances.withMetadata("inventory", 2, Map.of("weight", "0")));
		Map<String, Integer> counts = TestInstances.countPicks(this.balancer, instances, 9_000);
		assertThat(counts.values()).allSatisfy((count) -> assertThat(count).isBetween(2_500, 3_500));
	}

	@Test
	void newListShouldBeWeighedAgain() {
		List<ServiceInstance> first = List.of(TestInstances.withMetadata("inventory", 0, Map.of("weight", "1")),
				TestInstances.withMetadata("inventory", 1, Map.of("weight", "1")));
		TestInstances.countPicks(this.balancer, first, 10);
		List<ServiceInstance> second = List.of(TestInstances.withMetadata("inventory", 0, Map.of("weight", "1")),
				TestInstances.withMetadata("inventory", 1, Map.of("weight", "99")));
		Map<String, Integer> counts = TestInstances.countPicks(this.balancer, second, 1_000);
		assertThat(counts.get("inventory-1")).isGreaterThan(950);
	}

}
