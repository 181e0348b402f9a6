package io.datapunk.mesh.internal.client;

import io.datapunk.mesh.internal.engine.AttemptResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * A {@code WebClient} attempt's answer: status and headers came, the body streams.
 *
 * @param response the answer
 * @author datapunk mesh team
 */
record WebClientAttemptResponse(ClientResponse response) implements AttemptResponse {

	@Override
	public HttpStatusCode status() {
		return this.response.statusCode();
	}

	@Override
	public HttpHeaders headers() {
		return this.response.headers().asHttpHeaders();
	}

	/**
	 * Free the connection without waiting: the body is drained or the connection closed.
	 */
	@Override
	public void close() {
		this.response.releaseBody().subscribe();
	}

}
