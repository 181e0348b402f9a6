package io.datapunk.mesh.internal.client;

import java.util.Set;

/**
 * The HTTP clients that carry attempts, one per service's settings (timeouts, TLS), built
 * by whoever configures the mesh. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface AttemptTransports {

	/**
	 * Most threads that run timed attempts and write request bodies at once. An attempt
	 * beyond it fails at once rather than queue behind instances that do not answer.
	 */
	int MAX_ATTEMPT_THREADS = 256;

	/**
	 * Return the transport of a service's attempts, building it on first use.
	 * @param serviceId the service name
	 * @return its transport
	 */
	AttemptTransport forService(String serviceId);

	/**
	 * Forget which transport idle services use.
	 * @param serviceIds idle services
	 */
	void release(Set<String> serviceIds);

	/**
	 * Close every transport, at shutdown.
	 */
	void close();

}
