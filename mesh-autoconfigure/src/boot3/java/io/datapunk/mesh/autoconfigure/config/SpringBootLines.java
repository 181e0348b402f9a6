package io.datapunk.mesh.autoconfigure.config;

/**
 * The Spring Boot line this module's glue is compiled for: 3.5. The Boot 4 module has a
 * class of this name for its line, so that {@link SpringBootLineVerifier} is shared.
 *
 * @author datapunk mesh team
 */
final class SpringBootLines {

	/** The supported line, as the failure analysis names it. */
	static final String SUPPORTED = "3.5";

	private SpringBootLines() {
	}

	static boolean supports(String line) {
		return SUPPORTED.equals(line);
	}

}
