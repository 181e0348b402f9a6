package io.datapunk.mesh.internal.engine;

import java.net.URI;

import reactor.core.publisher.Mono;

/**
 * The non-blocking transport of one call: sends its request to the instance the engine
 * chose, once per attempt. An attempt is exactly one request (the client's own retries
 * are off); cancelling the returned {@link Mono} must cancel the request in flight.
 *
 * @param <R> the transport's answers
 * @since 0.1.0
 */
@FunctionalInterface
public interface ReactiveAttemptSender<R extends AttemptResponse> {

	/**
	 * Send the request to one instance; the answer comes once its status and headers
	 * came, its body still streaming.
	 * @param target the instance's URI for this request (scheme, host, port, path, query)
	 * @return the answer, or an error: an {@link java.io.IOException} (see
	 * {@link ConnectionFailures}) for a failed attempt, any other exception for a failed
	 * client
	 */
	Mono<R> send(URI target);

}
