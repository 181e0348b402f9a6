package io.datapunk.mesh.autoconfigure.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every duration and count under {@code mesh.*} has an upper bound: values that passed
 * validation and then broke every call (a {@code timeout} of 292 years overflows
 * {@code Duration.toNanos()}, a {@code read-timeout} over {@code Integer.MAX_VALUE} ms
 * overflows Apache HttpClient's socket timeout, a million attempts) stop startup,
 * reported like any other rule.
 */
class UpperBoundsFailureTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class));

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "mesh.defaults.timeout|106752d|at most 1h",
			"mesh.services.inventory.timeout|2h|at most 1h", "mesh.defaults.read-timeout|25d|at most 1h",
			"mesh.defaults.connect-timeout|61m|at most 1h", "mesh.services.inventory.attempt-timeout|2h|at most 1h",
			"mesh.defaults.retry.base-backoff|2h|at most 1h", "mesh.defaults.retry.max-backoff|2h|at most 1h",
			"mesh.defaults.retry.max-attempts|1000000|at most 10", "mesh.defaults.retry-budget.window|2h|at most 1h",
			"mesh.defaults.retry-budget.min-retries-per-second|1000000|at most 10000",
			"mesh.defaults.circuit-breaker.wait-duration-in-open-state|2h|at most 1h",
			"mesh.defaults.circuit-breaker.slow-call-duration-threshold|2h|at most 1h",
			"mesh.defaults.circuit-breaker.sliding-window-size|1000000|at most 10000",
			"mesh.defaults.circuit-breaker.minimum-number-of-calls|1000000|at most 10000",
			"mesh.defaults.circuit-breaker.permitted-number-of-calls-in-half-open-state|1000000|at most 1000",
			"mesh.defaults.outlier-detection.consecutive-failures|1000000|at most 1000",
			"mesh.defaults.outlier-detection.base-ejection-time|2h|at most 1h",
			"mesh.defaults.outlier-detection.max-ejection-time|2h|at most 1h" })
	void valueAboveTheBoundShouldStopStartupNamingPropertyValueAndRule(String property, String value, String rule) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new MeshConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("failure analysis").isNotNull();
		assertThat(analysis[0].getDescription()).contains("Property: " + property)
			.contains("Value: \"" + value + "\"")
			.contains("Rule: ")
			.contains(rule);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "mesh.defaults.timeout|1h", "mesh.defaults.retry.max-attempts|10",
			"mesh.defaults.circuit-breaker.sliding-window-size|10000" })
	void valueAtTheBoundShouldBeAccepted(String property, String value) {
		this.contextRunner.withPropertyValues(property + "=" + value)
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
