package io.datapunk.mesh.autoconfigure.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A starter on a Spring Boot line it was not built for stops startup, before any
 * auto-configuration runs, with an analysis that names the line found and the starter to
 * use.
 */
class SpringBootLineVerifierTests {

	@Test
	void applicationOnTheSupportedLineShouldStart() {
		assertThat(SpringBootVersion.getVersion()).startsWith(SpringBootLineVerifier.SUPPORTED_LINE + ".");
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run()) {
			assertThat(context.isActive()).isTrue();
		}
	}

	@Test
	void applicationOnTheOtherLineShouldStopWithTheLineFoundAndTheStarterToUse() {
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners(new SpringBootLineVerifier(() -> SpringBootLinesUnderTest.OTHER_VERSION));
		IncompatibleSpringBootException ex = catchThrowableOfType(IncompatibleSpringBootException.class,
				application::run);
		assertThat(ex).as("startup failure").isNotNull();
		FailureAnalysis analysis = new IncompatibleSpringBootFailureAnalyzer().analyze(ex);
		assertThat(analysis.getDescription())
			.contains("built for Spring Boot " + SpringBootLineVerifier.SUPPORTED_LINE + ".x")
			.contains("Spring Boot " + SpringBootLinesUnderTest.OTHER_VERSION + " (the "
					+ SpringBootLinesUnderTest.OTHER_LINE + ".x line)");
		assertThat(analysis.getAction()).contains("Use " + SpringBootLinesUnderTest.OTHER_STARTER
				+ ", the starter for Spring Boot " + SpringBootLinesUnderTest.OTHER_LINE + ".x");
	}

	@Test
	void applicationOnALineWithoutAStarterShouldStopAndNameTheSupportedLine() {
		IncompatibleSpringBootException ex = catchThrowableOfType(IncompatibleSpringBootException.class,
				() -> new SpringBootLineVerifier(() -> "5.0.1").verify(new MockEnvironment()));
		FailureAnalysis analysis = new IncompatibleSpringBootFailureAnalyzer().analyze(ex);
		assertThat(analysis.getAction()).contains("No datapunk mesh starter for Spring Boot 5.0.x exists yet")
			.contains("Spring Boot " + SpringBootLineVerifier.SUPPORTED_LINE + ".x with "
					+ SpringBootLinesUnderTest.SUPPORTED_STARTER)
			.contains("mesh.compatibility-verifier.enabled=false");
	}

	@Test
	void olderLineShouldFailToo() {
		IncompatibleSpringBootException ex = catchThrowableOfType(IncompatibleSpringBootException.class,
				() -> new SpringBootLineVerifier(() -> "3.4.9").verify(new MockEnvironment()));
		assertThat(new IncompatibleSpringBootFailureAnalyzer().analyze(ex).getDescription())
			.contains("Spring Boot 3.4.9 (the 3.4.x line)");
	}

	@Test
	void supportedLineShouldPassAndTheCheckCanBeSwitchedOff() {
		assertThatNoException()
			.isThrownBy(() -> new SpringBootLineVerifier(() -> SpringBootLinesUnderTest.SUPPORTED_VERSION)
				.verify(new MockEnvironment()));
		assertThatNoException()
			.isThrownBy(() -> new SpringBootLineVerifier(() -> SpringBootLinesUnderTest.OTHER_VERSION)
				.verify(new MockEnvironment().withProperty("mesh.compatibility-verifier.enabled", "false")));
	}

	@Test
	void unknownVersionShouldNotStopStartup() {
		assertThatNoException().isThrownBy(() -> new SpringBootLineVerifier(() -> null).verify(new MockEnvironment()));
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
