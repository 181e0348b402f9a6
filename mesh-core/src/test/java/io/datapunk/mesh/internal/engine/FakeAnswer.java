package io.datapunk.mesh.internal.engine;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * An answer of the {@link FakeTransport}: a status, and whether its body was read and it
 * was closed.
 */
final class FakeAnswer implements AttemptResponse {

	private final HttpStatusCode status;

	private final HttpHeaders headers = new HttpHeaders();

	boolean bodyRead;

	boolean closed;

	FakeAnswer(int status) {
		this.status = HttpStatusCode.valueOf(status);
	}

	@Override
	public HttpStatusCode status() {
		return this.status;
	}

	@Override
	public HttpHeaders headers() {
		return this.headers;
	}

	@Override
	public void close() {
		this.closed = true;
	}

}
