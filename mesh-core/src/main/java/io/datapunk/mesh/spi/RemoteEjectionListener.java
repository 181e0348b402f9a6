package io.datapunk.mesh.spi;

import java.net.URI;
import java.time.Instant;

/**
 * Hears the ejections and readmissions that other application instances published on a
 * {@link MeshEventChannel}. The events are checked before a listener hears them: a valid
 * service name, an {@code http} or {@code https} address with a host and a port, an end
 * time still to come.
 *
 * @since 0.1.0
 */
public interface RemoteEjectionListener {

	/**
	 * Another application instance ejected an instance.
	 * @param serviceId the service
	 * @param instance the instance's address, {@code scheme://host:port}
	 * @param until when the ejection ends
	 */
	void ejected(String serviceId, URI instance, Instant until);

	/**
	 * Another application instance readmitted an instance.
	 * @param serviceId the service
	 * @param instance the instance's address, {@code scheme://host:port}
	 * @param ejectedUntil when the ejection that ended was due to end
	 */
	void readmitted(String serviceId, URI instance, Instant ejectedUntil);

}
