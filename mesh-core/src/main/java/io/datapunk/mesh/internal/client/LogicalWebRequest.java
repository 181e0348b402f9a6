package io.datapunk.mesh.internal.client;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.web.reactive.function.client.ClientRequest;

/**
 * A {@code WebClient} request as the engine and a {@code RetryCondition} see it: the
 * logical URL ({@code http://<service>/...}), its method, headers and attributes.
 *
 * @param request the request
 * @author datapunk mesh team
 */
record LogicalWebRequest(ClientRequest request) implements HttpRequest {

	@Override
	public HttpMethod getMethod() {
		return this.request.method();
	}

	@Override
	public URI getURI() {
		return this.request.url();
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.request.headers();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.request.attributes();
	}

}
