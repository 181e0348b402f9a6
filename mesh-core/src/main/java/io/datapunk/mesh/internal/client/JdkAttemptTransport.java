package io.datapunk.mesh.internal.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * Attempts over the JDK {@link HttpClient}, whose per-request timeout ends an attempt at
 * its time limit without another thread: each attempt gets a request factory (a small
 * object) over the shared client, with its own timeout. Spring's JDK request cancels the
 * exchange when that timeout passes, and the timeout also covers reading the body.
 * Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class JdkAttemptTransport extends AttemptTransport {

	private final HttpClient httpClient;

	private final Executor bodyExecutor;

	private final Duration readTimeout;

	public JdkAttemptTransport(HttpClient httpClient, Executor bodyExecutor, Duration readTimeout) {
		this.httpClient = httpClient;
		this.bodyExecutor = bodyExecutor;
		this.readTimeout = readTimeout;
	}

	@Override
	ClientHttpResponse send(URI target, HttpMethod method, HttpHeaders headers, Map<String, Object> attributes,
			byte[] body, Duration timeLimit) throws IOException {
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(this.httpClient, this.bodyExecutor);
		factory.setReadTimeout((timeLimit.compareTo(this.readTimeout) < 0) ? timeLimit : this.readTimeout);
		return execute(factory, target, method, headers, attributes, body);
	}

	@Override
	public boolean holdsResources() {
		// Its HttpClient is freed once nothing refers to it any more.
		return false;
	}

	@Override
	public void close() {
		// The JDK client (Java 17) has no close(); it stops when no longer referenced.
	}

}
