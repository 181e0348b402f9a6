package io.datapunk.mesh.internal.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;

import io.datapunk.mesh.Idempotent;
import io.datapunk.mesh.internal.engine.CallRequest;
import io.datapunk.mesh.internal.engine.MeshCallEngine;
import io.datapunk.mesh.internal.engine.ReactiveMeshCallEngine;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The mesh under a {@code WebClient}: a request to {@code http://<service>/path} becomes
 * one engine call whose attempts go, through the rest of the exchange, to the instances
 * the mesh chooses, each with its own copy of the headers (the engine writes the
 * attempt's time and trace context there). Filters applied before this one run once per
 * call and see the logical URL; those after it run per attempt. The request body is
 * written again for each attempt that is sent again, as Spring Cloud's retrying filter
 * does. On Reactor Netty each attempt waits for its answer no longer than the service's
 * {@code read-timeout}; on any connector the engine's attempt time limit
 * ({@code attempt-timeout}, the deadline) applies. A service with a TLS bundle, host
 * names not verified or a {@code connect-timeout} other than the default's goes through
 * connections of its own ({@link ServiceExchanges}), not through the application's
 * connector nor the filters after this one: the application's connector cannot honour
 * those settings, and ignoring a TLS bundle silently would be worse. Thread-safe.
 *
 * @since 0.1.0
 */
public final class MeshExchangeFilterFunction implements ExchangeFilterFunction {

	private final ReactiveMeshCallEngine engine;

	private final ServiceExchanges ownExchanges;

	/**
	 * Create the filter, every service's attempts going through the application's
	 * connector.
	 * @param engine the engine calls go through
	 */
	public MeshExchangeFilterFunction(MeshCallEngine engine) {
		this(engine, ServiceExchanges.NONE);
	}

	/**
	 * Create the filter.
	 * @param engine the engine calls go through
	 * @param ownExchanges the connections of services the application's connector cannot
	 * serve
	 */
	public MeshExchangeFilterFunction(MeshCallEngine engine, ServiceExchanges ownExchanges) {
		this.engine = new ReactiveMeshCallEngine(engine);
		this.ownExchanges = ownExchanges;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.defer(() -> {
			String serviceId = MeshCallExecutor.serviceIdOf(request.url());
			HttpHeaders headers = new HttpHeaders();
			headers.addAll(request.headers());
			boolean idempotent = Boolean.TRUE.equals(request.attribute(Idempotent.ATTRIBUTE).orElse(null));
			CallRequest call = new CallRequest(serviceId, new LogicalWebRequest(request), headers, idempotent);
			Duration readTimeout = ReactorNettyAttempts.PRESENT ? this.engine.settingsOf(serviceId).readTimeout()
					: null;
			ExchangeFunction own = this.ownExchanges.forService(serviceId);
			ExchangeFunction exchange = (own != null) ? own : next;
			return this.engine.call(call, (target) -> send(request, headers, target, exchange, readTimeout))
				.map(WebClientAttemptResponse::response);
		});
	}

	private static Mono<WebClientAttemptResponse> send(ClientRequest request, HttpHeaders headers, URI target,
			ExchangeFunction next, Duration readTimeout) {
		ClientRequest.Builder attempt = ClientRequest.from(request).url(target).headers((own) -> {
			own.clear();
			own.addAll(headers);
		});
		if (readTimeout != null) {
			ReactorNettyAttempts.limitResponseTime(attempt, readTimeout);
		}
		return next.exchange(attempt.build())
			.map(WebClientAttemptResponse::new)
			// The engine judges the connector's own failure (refused, reset, timed out).
			.onErrorMap(WebClientRequestException.class, (ex) -> connectorFailure(ex, readTimeout));
	}

	private static Throwable connectorFailure(WebClientRequestException ex, Duration readTimeout) {
		if (ex.getCause() instanceof IOException failure) {
			return failure;
		}
		SocketTimeoutException timedOut = (readTimeout != null)
				? ReactorNettyAttempts.readTimeout(ex.getCause(), readTimeout) : null;
		return (timedOut != null) ? timedOut : ex;
	}

}
