package io.datapunk.mesh.autoconfigure.config;

/**
 * The Spring Boot on the class path is not the line this starter was built for.
 *
 * @author datapunk mesh team
 */
class IncompatibleSpringBootException extends RuntimeException {

	private final String foundVersion;

	private final String supportedLine;

	IncompatibleSpringBootException(String foundVersion, String supportedLine) {
		super("The datapunk mesh starter is built for Spring Boot " + supportedLine + ".x, but Spring Boot "
				+ foundVersion + " is on the class path");
		this.foundVersion = foundVersion;
		this.supportedLine = supportedLine;
	}

	String getFoundVersion() {
		return this.foundVersion;
	}

	String getSupportedLine() {
		return this.supportedLine;
	}

}
