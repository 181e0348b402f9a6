package io.datapunk.mesh.internal.client;

import java.io.OutputStream;
import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.AbstractClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.FastByteArrayOutputStream;

/**
 * A logical request to a service. The body is buffered so that the pipeline can send it
 * to an instance, and send it again to another one.
 *
 * @author datapunk mesh team
 */
final class MeshClientHttpRequest extends AbstractClientHttpRequest {

	private final URI uri;

	private final HttpMethod method;

	private final MeshCallExecutor executor;

	private final FastByteArrayOutputStream body = new FastByteArrayOutputStream(256);

	MeshClientHttpRequest(URI uri, HttpMethod method, MeshCallExecutor executor) {
		this.uri = uri;
		this.method = method;
		this.executor = executor;
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
		return this.body;
	}

	@Override
	protected ClientHttpResponse executeInternal(HttpHeaders headers) {
		byte[] bytes = this.body.toByteArrayUnsafe();
		if (bytes.length > 0 && headers.getContentLength() < 0) {
			headers.setContentLength(bytes.length);
		}
		return this.executor.execute(this, headers, bytes);
	}

}
