package io.datapunk.mesh.spi;

import java.net.URI;
import java.time.Instant;

/**
 * The channel on which application instances of the mesh tell each other of ejections and
 * readmissions of instances (and, within the cache, of changed instance lists).
 * Publishing never blocks and never fails: an event that cannot be sent is dropped.
 * Listeners hear only the events of other application instances.
 *
 * @since 0.1.0
 */
public interface MeshEventChannel {

	/**
	 * Tell the other application instances that an instance was ejected.
	 * @param serviceId the service, a valid service name
	 * @param instance the instance's address, {@code scheme://host:port}
	 * @param until when the ejection ends; also when the event stops being valid
	 */
	void publishEjection(String serviceId, URI instance, Instant until);

	/**
	 * Tell the other application instances that an ejected instance was readmitted.
	 * @param serviceId the service, a valid service name
	 * @param instance the instance's address, {@code scheme://host:port}
	 * @param ejectedUntil when the ejection that ended was due to end
	 */
	void publishReadmission(String serviceId, URI instance, Instant ejectedUntil);

	/**
	 * Add a listener for the ejections and readmissions of other application instances.
	 * @param listener the listener
	 */
	void addListener(RemoteEjectionListener listener);

}
