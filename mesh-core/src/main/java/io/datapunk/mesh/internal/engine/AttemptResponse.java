package io.datapunk.mesh.internal.engine;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * The answer of one attempt, as a transport hands it to the engine: status and headers
 * read, body not yet.
 *
 * @since 0.1.0
 */
public interface AttemptResponse {

	/**
	 * Return the status of the answer.
	 * @return the status
	 */
	HttpStatusCode status();

	/**
	 * Return the headers of the answer.
	 * @return the headers
	 */
	HttpHeaders headers();

	/**
	 * Free the answer: it will not be handed to the caller.
	 */
	void close();

}
