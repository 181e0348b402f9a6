package io.datapunk.mesh.internal.balancer;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Power of two choices over Peak EWMA: cost is latency times requests in flight plus one.
 */
class PeakEwmaLoadBalancerTests {

	private final InstanceLoads loads = new InstanceLoads();

	private final PeakEwmaLoadBalancer balancer = new PeakEwmaLoadBalancer(this.loads);

	@Test
	void instanceWithoutAnswersYetShouldBeTried() {
		List<ServiceInstance> instances = TestInstances.of("inventory", 2);
		answer(instances.get(0), 1_000_000);
		assertThat(TestInstances.countPicks(this.balancer, instances, 100)).containsOnlyKeys("inventory-1");
	}

	@Test
	void slowerInstanceShouldLoseToAFasterOne() {
		List<ServiceInstance> instances = TestInstances.of("inventory", 2);
		answer(instances.get(0), 50_000_000);
		answer(instances.get(1), 1_000_000);
		assertThat(TestInstances.countPicks(this.balancer, instances, 100)).containsOnlyKeys("inventory-1");
	}

	@Test
	void requestsInFlightShouldRaiseTheCost() {
		List<ServiceInstance> instances = TestInstances.of("inventory", 2);
		answer(instances.get(0), 1_000_000);
		answer(instances.get(1), 1_500_000);
		// Twice as fast but with three requests waiting: four times the cost.
		for (int i = 0; i < 3; i++) {
			this.loads.of("inventory", instances.get(0)).begin();
		}
		Map<String, Integer> counts = TestInstances.countPicks(this.balancer, instances, 100);
		assertThat(counts).containsOnlyKeys("inventory-1");
	}

	@Test
	void averageShouldStartAtTheFastestOfTheFirstAnswers() {
		InstanceLoad load = this.loads.of("inventory", TestInstances.of("inventory", 1).get(0));
		// The first answer opened the connection, the second met a pause.
		observe(load, 50_000_000);
		observe(load, 20_000_000);
		assertThat(load.cost()).as("cost while the first answers come").isZero();
		observe(load, 1_000_000);
		assertThat(load.cost()).isPositive();
		assertThat(load.averageNanos()).isLessThan(2_000_000);
	}

	@Test
	void singleSlowAnswerShouldBeAveragedInNotBelieved() {
		InstanceLoad load = this.loads.of("inventory", TestInstances.of("inventory", 1).get(0));
		answer(load, 1_000_000);
		observe(load, 10_000_000);
		assertThat(load.averageNanos()).isLessThan(2_000_000);
	}

	@Test
	void instancesOfSimilarLatencyShouldTakeTurns() {
		List<ServiceInstance> instances = TestInstances.of("inventory", 3);
		answer(instances.get(0), 1_000_000);
		answer(instances.get(1), 1_200_000);
		answer(instances.get(2), 1_500_000);
		Map<String, Integer> counts = new java.util.TreeMap<>();
		for (int i = 0; i < 30; i++) {
			ServiceInstance chosen = this.balancer.choose("inventory", instances);
			InstanceLoad load = this.loads.of("inventory", chosen);
			load.begin();
			load.abandon();
			counts.merge(chosen.getInstanceId(), 1, Integer::sum);
		}
		assertThat(counts.values()).as("picks of 30: %s", counts)
			.allSatisfy((n) -> assertThat(n).isGreaterThanOrEqualTo(5));
	}

	@Test
	void slowAnswersInARowShouldRaiseTheAverageAtOnceAndFastOnesLowerItGradually() {
		InstanceLoad load = this.loads.of("inventory", TestInstances.of("inventory", 1).get(0));
		answer(load, 1_000_000);
		observe(load, 100_000_000);
		observe(load, 100_000_000);
		assertThat(load.averageNanos()).isGreaterThan(90_000_000);
		observe(load, 1_000_000);
		// One fast answer right after does not undo the peak.
		assertThat(load.averageNanos()).isGreaterThan(50_000_000);
	}

	@Test
	void failureShouldNeverMakeAnInstanceLookFaster() {
		InstanceLoad load = this.loads.of("inventory", TestInstances.of("inventory", 1).get(0));
		answer(load, 20_000_000);
		double before = load.averageNanos();
		load.end(load.begin(), true);
		assertThat(load.averageNanos()).isGreaterThanOrEqualTo(before * 0.99);
	}

	private void answer(ServiceInstance instance, long latencyNanos) {
		answer(this.loads.of("inventory", instance), latencyNanos);
	}

	/**
	 * Answers enough to start the average at a latency.
	 */
	private static void answer(InstanceLoad load, long latencyNanos) {
		for (int i = 0; i < InstanceLoad.WARM_UP_ANSWERS; i++) {
			observe(load, latencyNanos);
		}
	}

	private static void observe(InstanceLoad load, long latencyNanos) {
		long begun = load.begin();
		load.end(begun - latencyNanos, false);
	}

}
