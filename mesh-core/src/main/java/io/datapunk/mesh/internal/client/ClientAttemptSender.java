package io.datapunk.mesh.internal.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import io.datapunk.mesh.internal.engine.AttemptSender;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Sends the attempts of one {@code RestClient} call on its service's
 * {@link AttemptTransport}: a fresh request per attempt, with the call's method, headers,
 * attributes and buffered body. The transport is looked up at the first attempt (a
 * service without instances gets none) and kept for the call. Used by one thread.
 *
 * @author datapunk mesh team
 */
final class ClientAttemptSender implements AttemptSender<ClientAttemptResponse> {

	private final Supplier<AttemptTransport> transports;

	private AttemptTransport transport;

	private final HttpMethod method;

	private final HttpHeaders headers;

	private final Map<String, Object> attributes;

	private final byte[] body;

	ClientAttemptSender(Supplier<AttemptTransport> transports, HttpMethod method, HttpHeaders headers,
			Map<String, Object> attributes, byte[] body) {
		this.transports = transports;
		this.method = method;
		this.headers = headers;
		this.attributes = attributes;
		this.body = body;
	}

	@Override
	public ClientAttemptResponse send(URI target, Duration timeLimit) throws IOException {
		if (this.transport == null) {
			this.transport = this.transports.get();
		}
		ClientHttpResponse response = this.transport.send(target, this.method, this.headers, this.attributes, this.body,
				timeLimit);
		return new ClientAttemptResponse(response, statusOf(response));
	}

	@Override
	public ClientAttemptResponse readBody(ClientAttemptResponse answer) throws IOException {
		ClientHttpResponse read = BufferedBodyResponse.read(answer.response(), answer.status(), this.method,
				() -> false);
		return (read != answer.response()) ? new ClientAttemptResponse(read, answer.status()) : answer;
	}

	private static HttpStatusCode statusOf(ClientHttpResponse response) throws IOException {
		try {
			return response.getStatusCode();
		}
		catch (IOException | RuntimeException ex) {
			response.close();
			throw ex;
		}
	}

}
