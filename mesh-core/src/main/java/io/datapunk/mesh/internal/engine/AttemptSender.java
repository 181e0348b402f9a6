package io.datapunk.mesh.internal.engine;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The transport of one call: sends its request to the instance the engine chose, once per
 * attempt, on whatever HTTP client the adapter uses. An attempt is exactly one request
 * (the client's own retries are off).
 *
 * @param <R> the transport's answers
 * @since 0.1.0
 */
public interface AttemptSender<R extends AttemptResponse> {

	/**
	 * Send the request to one instance and return its answer once the status and headers
	 * came.
	 * @param target the instance's URI for this request (scheme, host, port, path, query)
	 * @param timeLimit the time the attempt has; no answer by then is an
	 * {@link IOException}
	 * @return the answer
	 * @throws IOException if the attempt failed: the exception says whether the request
	 * reached the instance (see {@link ConnectionFailures})
	 */
	R send(URI target, Duration timeLimit) throws IOException;

	/**
	 * Read the start of an answer's body (what the caller will get) while the attempt is
	 * still running, so that a body cut short fails the attempt, not the caller.
	 * @param answer an answer this sender returned
	 * @return the answer to hand to the caller
	 * @throws IOException if the body could not be read; the answer is freed then
	 */
	R readBody(R answer) throws IOException;

}
