package io.datapunk.mesh.autoconfigure.config;

/**
 * The Spring Boot line this module's glue is compiled for: 4 (4.0 and 4.1, which Spring
 * Cloud 2025.1 supports). The Boot 3.5 module has a class of this name for its line, so
 * that {@link SpringBootLineVerifier} is shared.
 *
 * @author datapunk mesh team
 */
final class SpringBootLines {

	/** The supported line, as the failure analysis names it. */
	static final String SUPPORTED = "4";

	private SpringBootLines() {
	}

	static boolean supports(String line) {
		return line.startsWith(SUPPORTED + ".");
	}

}
