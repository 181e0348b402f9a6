package io.datapunk.mesh.autoconfigure.config;

import java.util.function.Supplier;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Stops startup when the Spring Boot on the class path is not the line this starter was
 * built for, before any auto-configuration loads a class that line does not have: a
 * {@code ClassNotFoundException} deep in a refresh would not say which starter fits. Runs
 * as the environment is ready, ahead of every environment post-processor (Spring Cloud's
 * included, some of which fail on another line), and is explained by
 * {@link IncompatibleSpringBootFailureAnalyzer}. As Spring Cloud's
 * {@code spring.cloud.compatibility-verifier.enabled},
 * {@code mesh.compatibility-verifier.enabled=false} skips it.
 *
 * @author datapunk mesh team
 */
class SpringBootLineVerifier implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** The Spring Boot line this starter is built and tested for. */
	static final String SUPPORTED_LINE = SpringBootLines.SUPPORTED;

	static final String ENABLED_PROPERTY = "mesh.compatibility-verifier.enabled";

	private final Supplier<String> bootVersion;

	SpringBootLineVerifier() {
		this(SpringBootVersion::getVersion);
	}

	SpringBootLineVerifier(Supplier<String> bootVersion) {
		this.bootVersion = bootVersion;
	}

	@Override
	public int getOrder() {
		// Before EnvironmentPostProcessorApplicationListener (HIGHEST_PRECEDENCE + 10).
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		verify(event.getEnvironment());
	}

	void verify(Environment environment) {
		if (!environment.getProperty(ENABLED_PROPERTY, Boolean.class, true)) {
			return;
		}
		String version = this.bootVersion.get();
		// Without a manifest (a repackaged or shaded jar) the version is unknown: no
		// verdict rather than a false alarm.
		if (version != null && !SpringBootLines.supports(lineOf(version))) {
			throw new IncompatibleSpringBootException(version, SUPPORTED_LINE);
		}
	}

	static String lineOf(String version) {
		String[] parts = version.split("\\.");
		return (parts.length >= 2) ? parts[0] + "." + parts[1] : version;
	}

}
