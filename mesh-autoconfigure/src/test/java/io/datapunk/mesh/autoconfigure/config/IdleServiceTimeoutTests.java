package io.datapunk.mesh.autoconfigure.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.config.MeshSettings;

/**
 * {@code mesh.idle-service-timeout}: its default and its bounds, reported like any other
 * rule.
 */
class IdleServiceTimeoutTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class));

	@Test
	void defaultShouldBeTenMinutes() {
		this.contextRunner.run((context) -> assertThat(context.getBean(MeshSettings.class).idleServiceTimeout())
			.isEqualTo(Duration.ofMinutes(10)));
	}

	@Test
	void valueWithinBoundsShouldBeUsed() {
		this.contextRunner.withPropertyValues("mesh.idle-service-timeout=1s")
			.run((context) -> assertThat(context.getBean(MeshSettings.class).idleServiceTimeout())
				.isEqualTo(Duration.ofSeconds(1)));
	}

	@Test
	void valueUnderASecondShouldStopStartupNamingPropertyValueAndRule() {
		FailureAnalysis analysis = analyze("mesh.idle-service-timeout=500ms");
		assertThat(analysis.getDescription()).contains("mesh.idle-service-timeout")
			.contains("PT0.5S")
			.contains("must be between 1s and 7d");
		assertThat(analysis.getAction()).contains("10m");
	}

	@Test
	void valueOverAWeekShouldStopStartupNamingPropertyValueAndRule() {
		FailureAnalysis analysis = analyze("mesh.idle-service-timeout=8d");
		assertThat(analysis.getDescription()).contains("mesh.idle-service-timeout")
			.contains("PT192H")
			.contains("must be between 1s and 7d");
	}

	private FailureAnalysis analyze(String property) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidMeshPropertyFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).isNotNull();
		return analysis[0];
	}

}
