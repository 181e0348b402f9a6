package io.datapunk.mesh.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.spi.MeshLoadBalancer;
import io.datapunk.mesh.test.FakeTicker;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static io.datapunk.mesh.internal.engine.EngineHarness.SERVICE;
import static io.datapunk.mesh.internal.engine.EngineHarness.instance;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The candidate chain: current list → not ejected (panic: all) → untried → zone →
 * strategy, each filter keeping at least one instance.
 */
class CandidateChainTests {

	private final List<List<ServiceInstance>> offered = new ArrayList<>();

	/** Records what the chain left, and takes the first. */
	private final MeshLoadBalancer strategy = (serviceId, candidates) -> {
		this.offered.add(candidates);
		return candidates.get(0);
	};

	private final List<ServiceInstance> three = EngineHarness.instances(8081, 8082, 8083);

	private final AttemptHistory noAttempts = new AttemptHistory(false, new FakeTicker());

	@Test
	void ejectedInstanceShouldBeLeftOut() {
		CandidateChain chain = new CandidateChain(this.strategy, null);
		OutlierDetector outliers = EngineHarness.outlierDetector(1, 0.5, 0.5);
		assertThat(chain.available(this.three, outliers)).isEqualTo(this.three);
		outliers.onFailure(this.three.get(0));
		List<ServiceInstance> available = chain.available(this.three, outliers);
		assertThat(available).containsExactly(this.three.get(1), this.three.get(2));
		assertThat(chain.choose(SERVICE, available, this.noAttempts)).isEqualTo(this.three.get(1));
	}

	@Test
	void panicShouldOfferEveryInstance() {
		CandidateChain chain = new CandidateChain(this.strategy, null);
		// Two of three would be left, fewer than the 90 % panic threshold.
		OutlierDetector outliers = EngineHarness.outlierDetector(1, 0.5, 0.9);
		outliers.select(this.three);
		outliers.onFailure(this.three.get(0));
		assertThat(outliers.isEjected(this.three.get(0))).isTrue();
		assertThat(chain.available(this.three, outliers)).isEqualTo(this.three);
	}

	@Test
	void everyInstanceEjectedShouldOfferEveryInstance() {
		CandidateChain chain = new CandidateChain(this.strategy, null);
		// Panic mode off, and every instance may be ejected.
		OutlierDetector outliers = EngineHarness.outlierDetector(1, 1.0, 0);
		outliers.select(this.three);
		this.three.forEach(outliers::onFailure);
		assertThat(this.three).allMatch(outliers::isEjected);
		assertThat(chain.available(this.three, outliers)).isEqualTo(this.three);
	}

	@Test
	void instancesNotTriedYetShouldBePreferred() {
		CandidateChain chain = new CandidateChain(this.strategy, null);
		FakeTicker ticker = new FakeTicker();
		AttemptHistory history = new AttemptHistory(false, ticker);
		assertThat(chain.choose(SERVICE, this.three, history)).isEqualTo(this.three.get(0));
		history.recordFailure(this.three.get(0), "503 Service Unavailable", ticker.getAsLong());
		assertThat(chain.choose(SERVICE, this.three, history)).isEqualTo(this.three.get(1));
		history.recordFailure(this.three.get(1), "503 Service Unavailable", ticker.getAsLong());
		history.recordFailure(this.three.get(2), "503 Service Unavailable", ticker.getAsLong());
		// Once each was tried, any will do.
		assertThat(chain.choose(SERVICE, this.three, history)).isEqualTo(this.three.get(0));
		assertThat(this.offered.get(2)).isEqualTo(this.three);
	}

	@Test
	void ownZoneShouldBePreferredWhenItHasInstances() {
		CandidateChain chain = new CandidateChain(this.strategy, "eu-1");
		List<ServiceInstance> instances = List.of(instance(8081, Map.of("zone", "eu-2")),
				instance(8082, Map.of("zone", "eu-1")), instance(8083, Map.of()));
		assertThat(chain.choose(SERVICE, instances, this.noAttempts)).isEqualTo(instances.get(1));
		assertThat(this.offered.get(0)).containsExactly(instances.get(1));
	}

	@Test
	void otherZonesShouldServeWhenOwnZoneHasNone() {
		CandidateChain chain = new CandidateChain(this.strategy, "us-1");
		List<ServiceInstance> instances = List.of(instance(8081, Map.of("zone", "eu-2")),
				instance(8082, Map.of("zone", "eu-1")));
		chain.choose(SERVICE, instances, this.noAttempts);
		assertThat(this.offered.get(0)).isEqualTo(instances);
	}

	@Test
	void zoneShouldApplyAmongTheInstancesNotTriedYet() {
		CandidateChain chain = new CandidateChain(this.strategy, "eu-1");
		List<ServiceInstance> instances = List.of(instance(8081, Map.of("zone", "eu-1")),
				instance(8082, Map.of("zone", "eu-2")), instance(8083, Map.of("zone", "eu-1")));
		FakeTicker ticker = new FakeTicker();
		AttemptHistory history = new AttemptHistory(false, ticker);
		history.recordFailure(instances.get(0), "503 Service Unavailable", ticker.getAsLong());
		assertThat(chain.choose(SERVICE, instances, history)).isEqualTo(instances.get(2));
		assertThat(this.offered.get(0)).containsExactly(instances.get(2));
	}

}
