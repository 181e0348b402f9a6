package io.datapunk.mesh.autoconfigure.config;

/**
 * The Spring Boot versions {@link SpringBootLineVerifierTests} starts with: one of this
 * module's line (3.5) and one of the other line that has a starter (4.0), with that
 * starter.
 */
final class SpringBootLinesUnderTest {

	static final String SUPPORTED_VERSION = "3.5.0";

	static final String SUPPORTED_STARTER = "io.datapunk.mesh:mesh-spring-boot-starter 0.1.x";

	static final String OTHER_VERSION = "4.0.1";

	static final String OTHER_LINE = "4.0";

	static final String OTHER_STARTER = "io.datapunk.mesh:mesh-spring-boot4-starter 0.1.x";

	private SpringBootLinesUnderTest() {
	}

}
