package io.datapunk.mesh.internal.client;

import io.datapunk.mesh.internal.engine.AttemptResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A {@link ClientHttpResponse} as the engine sees an answer: its status, read once.
 *
 * @param response the response
 * @param status its status
 * @author datapunk mesh team
 */
record ClientAttemptResponse(ClientHttpResponse response, HttpStatusCode status) implements AttemptResponse {

	@Override
	public HttpHeaders headers() {
		return this.response.getHeaders();
	}

	@Override
	public void close() {
		this.response.close();
	}

}
