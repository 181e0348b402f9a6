package io.datapunk.mesh.autoconfigure.config;

import io.datapunk.mesh.internal.config.TlsSettings;

/**
 * TLS of the calls to a service, bound under {@code mesh.defaults.tls} and
 * {@code mesh.services.<name>.tls}. A {@code null} value inherits: a service's from
 * {@code mesh.defaults}, the defaults' from {@link TlsSettings#DEFAULTS}. An instance is
 * also called over HTTPS, whatever these say, when its address or its discovery metadata
 * says so.
 *
 * @since 0.1.0
 */
public class TlsProperties {

	/**
	 * Whether every instance of the service is called over HTTPS.
	 */
	private Boolean enabled;

	/**
	 * Name of the Spring Boot SSL bundle (spring.ssl.bundle.*) whose trust material
	 * verifies the instances' certificates and whose key, if any, is presented as the
	 * client certificate (mutual TLS). Unset, the JVM's default trust store is used and
	 * no client certificate is sent; set empty in a service, the same even if
	 * mesh.defaults.tls.bundle is set.
	 */
	private String bundle;

	/**
	 * Whether the instance's certificate must name the host it is called at. Turning it
	 * off trusts any certificate the bundle's trust material signed, for whatever host.
	 */
	private Boolean verifyHostname;

	public Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(Boolean enabled) {
		this.enabled = enabled;
	}

	public String getBundle() {
		return this.bundle;
	}

	public void setBundle(String bundle) {
		this.bundle = bundle;
	}

	public Boolean getVerifyHostname() {
		return this.verifyHostname;
	}

	public void setVerifyHostname(Boolean verifyHostname) {
		this.verifyHostname = verifyHostname;
	}

}
