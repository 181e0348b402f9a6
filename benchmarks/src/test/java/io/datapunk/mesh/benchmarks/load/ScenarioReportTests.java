package io.datapunk.mesh.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ScenarioReport}'s target checks.
 *
 * @author datapunk mesh team
 */
class ScenarioReportTests {

	@Test
	void overheadShouldCompareTheMeshWithRawAndSpringCloud() {
		Map<Variant, VariantResults> results = new LinkedHashMap<>();
		results.put(Variant.RAW, results(Variant.RAW, 10_000, 0, 200));
		results.put(Variant.MESH, results(Variant.MESH, 9_500, 0, 240));
		results.put(Variant.SPRING_CLOUD, results(Variant.SPRING_CLOUD, 8_000, 0, 300));
		assertThat(new ScenarioReport(Scenario.OVERHEAD, results, null).targets()).extracting(Object::toString)
			.containsExactly("overhead: mesh throughput >= 0.9x raw: MET (0.95x)",
					"overhead: mesh p50 within 50 us of raw: MET (+40 us)",
					"overhead: mesh ahead of spring-cloud (more calls/s, lower p50): MET (throughput 1.19x, p50 -60 us)");
	}

	@Test
	void overheadWhenMeshIsSlowShouldMissTheTargets() {
		Map<Variant, VariantResults> results = new LinkedHashMap<>();
		results.put(Variant.RAW, results(Variant.RAW, 10_000, 0, 200));
		results.put(Variant.MESH, results(Variant.MESH, 8_000, 0, 300));
		assertThat(new ScenarioReport(Scenario.OVERHEAD, results, null).targets()).extracting(TargetCheck::met)
			.containsExactly(false, false);
	}

	@Test
	void slowOneShouldCompareWithTheMeshInOverhead() {
		Map<Variant, VariantResults> results = Map.of(Variant.MESH, results(Variant.MESH, 5_000, 0, 1_000));
		assertThat(new ScenarioReport(Scenario.SLOW_ONE, results, 400L).targets()).singleElement()
			.satisfies((check) -> assertThat(check.met()).isFalse());
		assertThat(new ScenarioReport(Scenario.SLOW_ONE, results, 600L).targets()).singleElement()
			.satisfies((check) -> assertThat(check.met()).isTrue());
		assertThat(new ScenarioReport(Scenario.SLOW_ONE, results, null).targets()).singleElement()
			.satisfies((check) -> assertThat(check.met()).isNull());
	}

	@Test
	void flakyShouldCountTheMeshErrors() {
		Map<Variant, VariantResults> results = Map.of(Variant.MESH, results(Variant.MESH, 5_000, 3, 200));
		assertThat(new ScenarioReport(Scenario.FLAKY, results, null).targets()).singleElement()
			.hasToString("flaky: mesh: 0 errors seen by the caller: MISSED (3 errors)");
	}

	private static VariantResults results(Variant variant, long calls, long errors, long latencyMicros) {
		Histogram latencies = new Histogram(60_000_000, 3);
		latencies.recordValueWithCount(latencyMicros, calls);
		VariantResults results = new VariantResults(variant);
		results.add(new RunResult(variant, calls, errors, 1_000_000_000L, latencies, new long[] { calls, calls, calls },
				Map.of(), calls * 100_000, 20, 15));
		return results;
	}

}
