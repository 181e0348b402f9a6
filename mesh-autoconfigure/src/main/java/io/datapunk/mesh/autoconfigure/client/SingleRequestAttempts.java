package io.datapunk.mesh.autoconfigure.client;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.util.ClassUtils;

/**
 * Turns off the retries an HTTP client makes on its own, so that an attempt is exactly
 * one request and the mesh alone decides what is sent again (a non-idempotent request is
 * never sent twice; every request the servers see is counted by the retry budget).
 * <ul>
 * <li>Apache HttpClient 5: its default retry strategy sends any request again after a
 * {@code 503} or {@code 429}, waiting out {@code Retry-After}, and idempotent ones after
 * an I/O error: {@code disableAutomaticRetries()}.</li>
 * <li>Reactor Netty: retries once a request whose connection closed before the answer:
 * {@code disableRetry(true)}.</li>
 * <li>Jetty, the JDK client and {@code HttpURLConnection} ({@code simple}) send no
 * request again after an answer (checked by the tests on every client).</li>
 * </ul>
 * The mesh's customizer is applied after the application's, so it holds whatever they
 * set.
 *
 * @author datapunk mesh team
 */
final class SingleRequestAttempts {

	private static final boolean HTTP_COMPONENTS_PRESENT = ClassUtils.isPresent(
			"org.apache.hc.client5.http.impl.classic.HttpClientBuilder", SingleRequestAttempts.class.getClassLoader());

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			SingleRequestAttempts.class.getClassLoader());

	private SingleRequestAttempts() {
	}

	/**
	 * Return the builder with the client's own retries turned off.
	 * @param builder the application's builder
	 * @return a builder whose clients send one request per attempt
	 */
	static ClientHttpRequestFactoryBuilder<?> withoutClientRetries(ClientHttpRequestFactoryBuilder<?> builder) {
		if (HTTP_COMPONENTS_PRESENT && HttpComponents.matches(builder)) {
			return HttpComponents.withoutRetries(builder);
		}
		if (REACTOR_NETTY_PRESENT && ReactorNetty.matches(builder)) {
			return ReactorNetty.withoutRetries(builder);
		}
		return builder;
	}

	/** Kept apart so that its types are loaded only when HttpClient 5 is present. */
	private static final class HttpComponents {

		static boolean matches(ClientHttpRequestFactoryBuilder<?> builder) {
			return builder instanceof HttpComponentsClientHttpRequestFactoryBuilder;
		}

		static ClientHttpRequestFactoryBuilder<?> withoutRetries(ClientHttpRequestFactoryBuilder<?> builder) {
			return ((HttpComponentsClientHttpRequestFactoryBuilder) builder)
				.withHttpClientCustomizer((client) -> client.disableAutomaticRetries());
		}

	}

	/** Kept apart so that its types are loaded only when Reactor Netty is present. */
	private static final class ReactorNetty {

		static boolean matches(ClientHttpRequestFactoryBuilder<?> builder) {
			return builder instanceof ReactorClientHttpRequestFactoryBuilder;
		}

		static ClientHttpRequestFactoryBuilder<?> withoutRetries(ClientHttpRequestFactoryBuilder<?> builder) {
			return ((ReactorClientHttpRequestFactoryBuilder) builder)
				.withHttpClientCustomizer((client) -> client.disableRetry(true));
		}

	}

}
