package io.datapunk.mesh.autoconfigure.client;

import java.time.Duration;
import java.util.Objects;

import io.datapunk.mesh.internal.config.ServiceSettings;
import io.datapunk.mesh.internal.config.TlsSettings;

/**
 * What a reactive connector of its own is built with, for a service whose settings the
 * application's connector cannot honour; two services with the same key share one. A
 * class apart from {@link ServiceConnectors} so that it loads without Reactor Netty.
 *
 * @param connect the connect timeout
 * @param bundle the SSL bundle, or {@code null} for the JVM's default trust
 * @param verifyHostname whether host names are verified
 * @author datapunk mesh team
 */
record ConnectorKey(Duration connect, String bundle, boolean verifyHostname) {

	/**
	 * Return the key of a service's own connector.
	 * @param service the service's settings
	 * @param defaults the mesh's default settings
	 * @return the key, or {@code null} if the application's connector serves the service
	 */
	static ConnectorKey of(ServiceSettings service, ServiceSettings defaults) {
		TlsSettings tls = service.tls();
		if (!tls.isCustomized() && Objects.equals(service.connectTimeout(), defaults.connectTimeout())) {
			return null;
		}
		return new ConnectorKey(service.connectTimeout(), tls.isCustomized() ? tls.bundle() : null,
				!tls.isCustomized() || tls.verifyHostname());
	}

	/**
	 * Say which of a service's keys need a connector of its own, for a clear refusal.
	 * @param serviceId the service name
	 * @param service its settings
	 * @return the keys
	 */
	String describe(String serviceId, ServiceSettings service) {
		String prefix = "mesh.services." + serviceId + ".";
		if (this.bundle != null) {
			return prefix + "tls.bundle";
		}
		return service.tls().isCustomized() ? prefix + "tls.verify-hostname" : prefix + "connect-timeout";
	}

}
