package io.datapunk.mesh.internal.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;

/**
 * Sends one attempt to one instance within a time limit, on a real HTTP client.
 *
 * @author datapunk mesh team
 */
public abstract class AttemptTransport {

	/**
	 * Send an attempt; it fails with an {@link IOException} if no response has started
	 * within the time limit.
	 */
	abstract ClientHttpResponse send(URI target, HttpMethod method, HttpHeaders headers, Map<String, Object> attributes,
			byte[] body, Duration timeLimit) throws IOException;

	public abstract void close();

	/**
	 * Return whether {@link #close()} frees anything, so that a transport replaced (by a
	 * bundle reload) must be kept until shutdown to be closed; one that holds nothing to
	 * free is simply forgotten.
	 */
	public boolean holdsResources() {
		return true;
	}

	static ClientHttpResponse execute(ClientHttpRequestFactory factory, URI target, HttpMethod method,
			HttpHeaders headers, Map<String, Object> attributes, byte[] body) throws IOException {
		ClientHttpRequest request = factory.createRequest(target, method);
		request.getHeaders().putAll(headers);
		request.getAttributes().putAll(attributes);
		if (body.length > 0) {
			if (request instanceof StreamingHttpOutputMessage streaming) {
				streaming.setBody(new StreamingHttpOutputMessage.Body() {
					@Override
					public void writeTo(OutputStream outputStream) throws IOException {
						StreamUtils.copy(body, outputStream);
					}

					@Override
					public boolean repeatable() {
						return true;
					}
				});
			}
			else {
				StreamUtils.copy(body, request.getBody());
			}
		}
		return request.execute();
	}

}
