package io.datapunk.mesh.internal.config;

/**
 * Effective TLS settings of one called service. Immutable; holds a bundle's name, never
 * its key material or passwords.
 *
 * @param enabled whether every instance is called over HTTPS
 * @param bundle name of the Spring Boot SSL bundle for trust and the client key, or
 * {@code null} for the JVM's default trust and no client certificate
 * @param verifyHostname whether an instance's certificate must name the host it is called
 * at
 * @since 0.1.0
 */
public record TlsSettings(boolean enabled, String bundle, boolean verifyHostname) {

	/**
	 * Built-in defaults: HTTPS only where an instance asks for it, the JVM's default
	 * trust, host names verified.
	 */
	public static final TlsSettings DEFAULTS = new TlsSettings(false, null, true);

	/**
	 * Return whether calls need a TLS configuration of their own rather than the HTTP
	 * client's default one.
	 * @return {@code true} with a bundle or with host name verification off
	 */
	public boolean isCustomized() {
		return this.bundle != null || !this.verifyHostname;
	}

}
