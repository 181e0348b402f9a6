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
	void applicationOnSpringBoot4ShouldStopWithTheLineFoundAndTheStarterToUse() {
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners(new SpringBootLineVerifier(() -> "4.0.1"));
		IncompatibleSpringBootException ex = catchThrowableOfType(IncompatibleSpringBootException.class,
				application::run);
		assertThat(ex).as("startup failure").isNotNull();
		FailureAnalysis analysis = new IncompatibleSpringBootFailureAnalyzer().analyze(ex);
		assertThat(analysis.getDescription()).contains("built for Spring Boot 3.5.x")
			.contains("Spring Boot 4.0.1 (the 4.0.x line)");
		assertThat(analysis.getAction())
			.contains("Use io.datapunk.mesh:mesh-spring-boot4-starter 0.1.x, the starter for Spring Boot 4.0.x");
	}

	@Test
	void applicationOnALineWithoutAStarterShouldStopAndNameTheSupportedLine() {
		IncompatibleSpringBootException ex = catchThrowableOfType(IncompatibleSpringBootException.class,
				() -> new SpringBootLineVerifier(() -> "5.0.1").verify(new MockEnvironment()));
		FailureAnalysis analysis = new IncompatibleSpringBootFailureAnalyzer().analyze(ex);
		assertThat(analysis.getAction()).contains("No datapunk mesh starter for Spring Boot 5.0.x exists yet")
			.contains("Spring Boot 3.5.x with io.datapunk.mesh:mesh-spring-boot-starter")
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
			.isThrownBy(() -> new SpringBootLineVerifier(() -> "3.5.0").verify(new MockEnvironment()));
		assertThatNoException().isThrownBy(() -> new SpringBootLineVerifier(() -> "4.0.1")
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
