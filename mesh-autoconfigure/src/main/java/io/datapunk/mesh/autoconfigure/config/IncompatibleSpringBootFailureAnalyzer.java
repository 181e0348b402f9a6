package io.datapunk.mesh.autoconfigure.config;

import java.util.Map;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link IncompatibleSpringBootException}: the Spring Boot line found, the
 * line this starter is for, and the starter artifact that fits the line found.
 *
 * @author datapunk mesh team
 */
class IncompatibleSpringBootFailureAnalyzer extends AbstractFailureAnalyzer<IncompatibleSpringBootException> {

	private static final String STARTER = "io.datapunk.mesh:mesh-spring-boot-starter";

	private static final String BOOT4_STARTER = "io.datapunk.mesh:mesh-spring-boot4-starter";

	/** The starter for each Spring Boot line, as in the README's compatibility table. */
	private static final Map<String, String> STARTERS = Map.of("3.5", STARTER + " 0.1.x", "4", BOOT4_STARTER + " 0.1.x",
			"4.0", BOOT4_STARTER + " 0.1.x", "4.1", BOOT4_STARTER + " 0.1.x");

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, IncompatibleSpringBootException cause) {
		String found = SpringBootLineVerifier.lineOf(cause.getFoundVersion());
		String description = String
			.format("The datapunk mesh starter on the class path is built for Spring Boot %s.x, but Spring Boot %s "
					+ "(the %s.x line) is on the class path: its auto-configuration would fail with missing "
					+ "classes.", cause.getSupportedLine(), cause.getFoundVersion(), found);
		String starter = STARTERS.get(found);
		String action = (starter != null) ? String.format("Use %s, the starter for Spring Boot %s.x.", starter, found)
				: String.format(
						"No datapunk mesh starter for Spring Boot %s.x exists yet. Use "
								+ "Spring Boot %s.x with %s, or set %s=false to start anyway at your own risk.",
						found, cause.getSupportedLine(), STARTERS.get(cause.getSupportedLine()),
						SpringBootLineVerifier.ENABLED_PROPERTY);
		return new FailureAnalysis(description, action, cause);
	}

}
