package io.datapunk.mesh.internal.engine;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Observes each attempt of a call (one observation per attempt; the logical call is
 * observed by the client above the engine). Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AttemptObserver {

	/**
	 * Observes nothing.
	 */
	AttemptObserver NONE = (serviceId, instance, method, headers) -> Observed.NONE;

	/**
	 * Start observing an attempt.
	 * @param serviceId the called service
	 * @param instance the instance's address
	 * @param method the request method
	 * @param headers the attempt's headers, where a tracing observer puts its context
	 * @return what to stop when the attempt ends
	 */
	Observed start(String serviceId, URI instance, HttpMethod method, HttpHeaders headers);

	/**
	 * One attempt under observation.
	 */
	@FunctionalInterface
	interface Observed {

		/**
		 * Nothing observed.
		 */
		Observed NONE = (status, failure) -> {
		};

		/**
		 * Stop observing the attempt.
		 * @param status the status answered, 0 if none
		 * @param failure why no usable answer came, or {@code null}
		 */
		void stop(int status, Throwable failure);

	}

}
