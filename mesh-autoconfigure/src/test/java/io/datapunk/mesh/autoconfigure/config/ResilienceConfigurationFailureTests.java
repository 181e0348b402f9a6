package io.datapunk.mesh.autoconfigure.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.config.ServiceSettings;
import io.datapunk.mesh.internal.config.MeshSettings;

/**
 * Bad resilience values ({@code timeout}, {@code circuit-breaker.*}, {@code retry.*},
 * {@code retry-budget.*}, {@code outlier-detection.*}) stop startup, and the failure
 * analysis names the property, the value as written, the rule and a valid example.
 */
class ResilienceConfigurationFailureTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class));

	@Test
	void negativeBackoffShouldFailNamingPropertyValueAndRule() {
		FailureAnalysis analysis = analyzeBinding("mesh.defaults.retry.base-backoff=-1s");
		assertThat(analysis.getDescription()).contains("Property: mesh.defaults.retry.base-backoff")
			.contains("Value: \"-1s\"")
			.contains("Origin: \"mesh.defaults.retry.base-backoff\" from property source")
			.contains("Rule: must be a duration greater than zero");
		assertThat(analysis.getAction()).contains(
				"mesh.defaults.retry.base-backoff must be a duration greater than zero and at most 1h, for example '500ms', '2s' or 'PT2S'.");
	}

	@Test
	void zeroWaitDurationInOpenStateOfOneServiceShouldFail() {
		FailureAnalysis analysis = analyzeBinding(
				"mesh.services.inventory.circuit-breaker.wait-duration-in-open-state=0s");
		assertThat(analysis.getDescription())
			.contains("Property: mesh.services.inventory.circuit-breaker.wait-duration-in-open-state")
			.contains("Value: \"0s\"")
			.contains("Rule: must be a duration greater than zero");
		assertThat(analysis.getAction()).contains("for example '500ms', '2s' or 'PT2S'");
	}

	@Test
	void retryRatioAboveOneShouldFail() {
		FailureAnalysis analysis = analyzeBinding("mesh.services.inventory.retry-budget.retry-ratio=1.5");
		assertThat(analysis.getDescription()).contains("Property: mesh.services.inventory.retry-budget.retry-ratio")
			.contains("Value: \"1.5\"")
			.contains("Rule: must be a ratio between 0 and 1, such as 0.2 for 20 %");
		assertThat(analysis.getAction()).contains("mesh.services.inventory.retry-budget.retry-ratio must be a ratio")
			.contains("for example '0.2' or '0.5'.");
	}

	@Test
	void negativePanicThresholdShouldFail() {
		FailureAnalysis analysis = analyzeBinding("mesh.defaults.outlier-detection.panic-threshold=-0.1");
		assertThat(analysis.getDescription()).contains("Property: mesh.defaults.outlier-detection.panic-threshold")
			.contains("Value: \"-0.1\"")
			.contains("Rule: must be a ratio between 0 and 1");
		assertThat(analysis.getAction()).contains("for example '0.2' or '0.5'.");
	}

	@Test
	void failureRateThresholdAbove100ShouldFail() {
		FailureAnalysis analysis = analyzeBinding("mesh.defaults.circuit-breaker.failure-rate-threshold=150");
		assertThat(analysis.getDescription()).contains("Property: mesh.defaults.circuit-breaker.failure-rate-threshold")
			.contains("Value: \"150\"")
			.contains("Rule: must be a percentage greater than 0 and at most 100");
		assertThat(analysis.getAction()).contains("for example '50' or '100'.");
	}

	@Test
	void zeroMaxAttemptsShouldFail() {
		FailureAnalysis analysis = analyzeBinding("mesh.defaults.retry.max-attempts=0");
		assertThat(analysis.getDescription()).contains("Property: mesh.defaults.retry.max-attempts")
			.contains("Value: \"0\"")
			.contains("Rule: must be at least 1");
		assertThat(analysis.getAction())
			.contains("mesh.defaults.retry.max-attempts must be at least 1, for example '3'.");
	}

	@Test
	void negativeMinRetriesPerSecondShouldFailWithItsOwnRule() {
		FailureAnalysis analysis = analyzeBinding("mesh.defaults.retry-budget.min-retries-per-second=-1");
		assertThat(analysis.getDescription()).contains("Property: mesh.defaults.retry-budget.min-retries-per-second")
			.contains("Value: \"-1\"")
			.contains("Rule: must be 0 or more");
	}

	@Test
	void badStatusInCommaSeparatedListShouldFailNamingTheListAsWrittenAndTheElement() {
		FailureAnalysis analysis = analyzeBinding("mesh.defaults.retry.statuses=503,42");
		assertThat(analysis.getDescription())
			.contains("Property: mesh.defaults.retry.statuses" + System.lineSeparator())
			.contains("Value: \"503,42\"")
			.contains("Origin: \"mesh.defaults.retry.statuses\" from property source")
			.contains("Rule: must be an HTTP status code from 100 to 599 (element 42 is not)")
			.doesNotContain("(key)");
		assertThat(analysis.getAction()).contains("for example '503'.");
	}

	@Test
	void badStatusWrittenByIndexShouldFailNamingTheElement() {
		FailureAnalysis analysis = analyzeBinding("mesh.defaults.retry.statuses[0]=503",
				"mesh.defaults.retry.statuses[1]=42");
		assertThat(analysis.getDescription()).contains("Property: mesh.defaults.retry.statuses[1]")
			.contains("Value: \"42\"")
			.contains("Rule: must be an HTTP status code from 100 to 599");
	}

	@Test
	void exceptionClassThatDoesNotExistShouldFailNamingTheMissingClass() {
		FailureAnalysis analysis = analyzeBinding(
				"mesh.defaults.retry.exceptions=java.io.IOException,com.example.NoSuchException");
		assertThat(analysis.getDescription()).contains("Property: mesh.defaults.retry.exceptions")
			.contains("Value: \"java.io.IOException,com.example.NoSuchException\"")
			.contains("Rule: must be fully qualified names of classes on the classpath "
					+ "(com.example.NoSuchException is not found)");
		assertThat(analysis.getAction()).contains("for example 'java.io.IOException'");
	}

	@Test
	void unknownSlidingWindowTypeShouldFailListingTheTypes() {
		FailureAnalysis analysis = analyzeBinding("mesh.defaults.circuit-breaker.sliding-window-type=SLIDING");
		assertThat(analysis.getDescription()).contains("Property: mesh.defaults.circuit-breaker.sliding-window-type")
			.contains("Value: \"SLIDING\"")
			.contains("Rule: must be one of count-based, time-based");
		assertThat(analysis.getAction()).contains("for example 'count-based'.");
	}

	@Test
	void serviceBaseBackoffAboveDefaultMaxBackoffShouldFailNamingTheServiceProperty() {
		FailureAnalysis analysis = analyzeRule("mesh.services.inventory.retry.base-backoff=20s");
		assertThat(analysis.getDescription()).contains("Property: mesh.services.inventory.retry.base-backoff")
			.contains("Value: \"20s\"")
			.contains("Rule: must not be longer than retry.max-backoff (15s by default)");
		assertThat(analysis.getAction()).isEqualTo("Update mesh.services.inventory.retry.base-backoff: it must not "
				+ "be longer than retry.max-backoff (15s by default), for example '1s'.");
	}

	@Test
	void serviceMaxBackoffBelowDefaultsBaseBackoffShouldFailNamingBothProperties() {
		FailureAnalysis analysis = analyzeRule("mesh.defaults.retry.base-backoff=2s",
				"mesh.services.inventory.retry.max-backoff=1s");
		assertThat(analysis.getDescription()).contains("Property: mesh.services.inventory.retry.max-backoff")
			.contains("Value: \"1s\"")
			.contains("Rule: must not be shorter than mesh.defaults.retry.base-backoff (2s)");
		assertThat(analysis.getAction()).contains("for example '30s'.");
	}

	@Test
	void defaultsBaseBackoffAboveBuiltInMaxBackoffShouldFailNamingTheDefaultsProperty() {
		FailureAnalysis analysis = analyzeRule("mesh.defaults.retry.base-backoff=20s");
		assertThat(analysis.getDescription()).contains("Property: mesh.defaults.retry.base-backoff")
			.contains("Value: \"20s\"")
			.contains("Rule: must not be longer than retry.max-backoff (15s by default)");
	}

	@Test
	void subSecondBackoffsThatBreakTheRuleShouldGetAValidExample() {
		FailureAnalysis analysis = analyzeRule("mesh.services.inventory.retry.base-backoff=50ms",
				"mesh.services.inventory.retry.max-backoff=10ms");
		assertThat(analysis.getDescription()).contains("Property: mesh.services.inventory.retry.max-backoff")
			.contains("Value: \"10ms\"")
			.contains("Rule: must not be shorter than mesh.services.inventory.retry.base-backoff (50ms)");
		assertThat(analysis.getAction()).contains("for example '750ms'.");
	}

	@Test
	void maxEjectionTimeShorterThanBaseEjectionTimeShouldFail() {
		FailureAnalysis analysis = analyzeRule("mesh.defaults.outlier-detection.max-ejection-time=10s");
		assertThat(analysis.getDescription()).contains("Property: mesh.defaults.outlier-detection.max-ejection-time")
			.contains("Value: \"10s\"")
			.contains("Rule: must not be shorter than outlier-detection.base-ejection-time (30s by default)");
		assertThat(analysis.getAction()).contains("for example '450s'.");
	}

	@Test
	void lowerCaseRetryMethodShouldFailRatherThanNeverMatch() {
		assertThat(analyzeRule("mesh.services.inventory.retry.methods=GET,post").getDescription())
			.contains("Property: mesh.services.inventory.retry.methods")
			.contains("Value: \"post\"")
			.contains(
					"Rule: must be HTTP methods among [GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE], in upper case");
	}

	@Test
	void retryExceptionThatIsNotAnExceptionShouldFail() {
		FailureAnalysis analysis = analyzeRule("mesh.defaults.retry.exceptions=java.io.IOException,java.lang.String");
		assertThat(analysis.getDescription()).contains("Property: mesh.defaults.retry.exceptions")
			.contains("Value: \"java.lang.String\"")
			.contains("Rule: must be exception types");
		assertThat(analysis.getAction()).contains("for example 'java.io.IOException'");
	}

	@Test
	void zeroFailureRateThresholdShouldFailAtStartupNotAtTheFirstCall() {
		assertThat(analyzeBinding("mesh.services.inventory.circuit-breaker.failure-rate-threshold=0").getDescription())
			.contains("Property: mesh.services.inventory.circuit-breaker.failure-rate-threshold")
			.contains("Rule: must be a percentage greater than 0 and at most 100");
	}

	@Test
	void subMillisecondOpenStateShouldFail() {
		assertThat(analyzeRule("mesh.defaults.circuit-breaker.wait-duration-in-open-state=500us").getDescription())
			.contains("Property: mesh.defaults.circuit-breaker.wait-duration-in-open-state")
			.contains("Rule: must be at least 1ms");
	}

	@Test
	void budgetWindowUnderOneSecondShouldFail() {
		FailureAnalysis analysis = analyzeRule("mesh.services.inventory.retry-budget.window=500ms");
		assertThat(analysis.getDescription()).contains("Property: mesh.services.inventory.retry-budget.window")
			.contains("Value: \"500ms\"")
			.contains("Rule: must be at least 1s");
		assertThat(analysis.getAction()).contains("for example '10s'");
	}

	@Test
	void unknownLoadBalancerShouldFailListingTheStrategies() {
		assertThat(analyzeBinding("mesh.services.inventory.load-balancer=fastest").getDescription())
			.contains("Property: mesh.services.inventory.load-balancer")
			.contains("Value: \"fastest\"")
			.contains("Rule: must be one of p2c-ewma, round-robin, random, weighted, least-request");
	}

	@Test
	void valuesOnTheBoundsShouldBind() {
		this.contextRunner
			.withPropertyValues("mesh.defaults.retry.max-attempts=1", "mesh.defaults.retry.base-backoff=2s",
					"mesh.defaults.retry.max-backoff=2s", "mesh.defaults.retry.statuses=100,599",
					"mesh.defaults.retry-budget.retry-ratio=0", "mesh.defaults.retry-budget.min-retries-per-second=0",
					"mesh.defaults.outlier-detection.panic-threshold=1",
					"mesh.defaults.circuit-breaker.failure-rate-threshold=100",
					"mesh.defaults.circuit-breaker.slow-call-rate-threshold=0.1",
					"mesh.defaults.circuit-breaker.sliding-window-type=time-based")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ServiceSettings inventory = context.getBean(MeshSettings.class).service("inventory");
				assertThat(inventory.retry().maxAttempts()).isEqualTo(1);
				assertThat(inventory.retry().statuses()).containsExactlyInAnyOrder(100, 599);
				assertThat(inventory.circuitBreaker().slidingWindowType())
					.isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType.TIME_BASED);
			});
	}

	private FailureAnalysis analyzeBinding(String... properties) {
		return analyze(new MeshConfigurationFailureAnalyzer(), properties);
	}

	private FailureAnalysis analyzeRule(String... properties) {
		return analyze(new InvalidMeshPropertyFailureAnalyzer(), properties);
	}

	private FailureAnalysis analyze(FailureAnalyzer analyzer, String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = analyzer.analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("failure analysis").isNotNull();
		return analysis[0];
	}

}
