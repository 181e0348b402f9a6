package io.datapunk.mesh.benchmarks.jmh;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.AbstractClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A transport without network: every request gets, at once, the same 200 answer with a
 * small JSON item, as a backend of the load scenarios gives it. Thread-safe.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public final class StubClientHttpRequestFactory implements ClientHttpRequestFactory {

	private static final byte[] BODY = "{\"id\":\"42\",\"name\":\"Brass Lantern\",\"stock\":2,\"servedBy\":\"stub\"}"
		.getBytes(StandardCharsets.UTF_8);

	private static final HttpHeaders HEADERS;

	static {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setContentLength(BODY.length);
		HEADERS = HttpHeaders.readOnlyHttpHeaders(headers);
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new StubRequest(uri, httpMethod);
	}

	/**
	 * Accept a connect timeout, as Spring Boot's builders set one; the stub never waits.
	 * @param timeout ignored
	 */
	public void setConnectTimeout(Duration timeout) {
	}

	/**
	 * Accept a read timeout, as Spring Boot's builders set one; the stub never waits.
	 * @param timeout ignored
	 */
	public void setReadTimeout(Duration timeout) {
	}

	private static final class StubRequest extends AbstractClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

		StubRequest(URI uri, HttpMethod method) {
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		protected OutputStream getBodyInternal(HttpHeaders headers) {
			return OutputStream.nullOutputStream();
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers) {
			return new StubResponse();
		}

	}

	private static final class StubResponse implements ClientHttpResponse {

		private final InputStream body = new ByteArrayInputStream(BODY);

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.OK;
		}

		@Override
		public String getStatusText() {
			return "OK";
		}

		@Override
		public HttpHeaders getHeaders() {
			return HEADERS;
		}

		@Override
		public InputStream getBody() {
			return this.body;
		}

		@Override
		public void close() {
		}

	}

}
