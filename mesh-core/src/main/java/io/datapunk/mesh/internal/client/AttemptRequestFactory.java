package io.datapunk.mesh.internal.client;

import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

import java.net.URI;

/**
 * Spring's request factory over a shared Apache HttpClient 5, made for one attempt (a
 * small object, like the JDK client's per-attempt factory): its request carries the
 * attempt's own timeouts, and it can be cancelled from another thread, which closes the
 * connection whatever the request is doing, reading headers or body. Cancelling before
 * the request exists cancels it as soon as it does. Used by one attempt.
 *
 * @author datapunk mesh team
 */
final class AttemptRequestFactory extends HttpComponentsClientHttpRequestFactory {

	private final RequestConfig config;

	private volatile Cancellable request;

	private volatile boolean cancelled;

	AttemptRequestFactory(HttpClient httpClient, RequestConfig config) {
		super(httpClient);
		this.config = config;
	}

	@Override
	protected HttpContext createHttpContext(HttpMethod httpMethod, URI uri) {
		// A context with its own configuration: Spring then leaves it as it is.
		HttpClientContext context = HttpClientContext.create();
		context.setRequestConfig(this.config);
		return context;
	}

	@Override
	protected void postProcessHttpRequest(ClassicHttpRequest request) {
		if (request instanceof Cancellable cancellable) {
			this.request = cancellable;
			// Both fields are volatile: either this sees the cancel, or cancel() sees
			// the request.
			if (this.cancelled) {
				cancellable.cancel();
			}
		}
	}

	/**
	 * Abort the attempt's request, from any thread.
	 */
	void cancel() {
		this.cancelled = true;
		Cancellable current = this.request;
		if (current != null) {
			current.cancel();
		}
	}

	boolean cancelled() {
		return this.cancelled;
	}

	@Override
	public void destroy() {
		// The HttpClient is shared by every attempt: its transport closes it.
	}

}
