package io.datapunk.mesh.internal.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.config.Configurable;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * Attempts over Apache HttpClient 5 on the caller's thread, with no hand-off to another
 * thread: HttpClient 5 takes its timeouts per request, so each attempt's request gets
 * connect, pool-wait and response timeouts no longer than the attempt's time limit (a
 * hung instance ends there), and the start of the body is read on the caller's thread
 * too. A trickling body or header could still pass the limit one read at a time, so a
 * watchdog cancels the request at the limit, which closes its connection and ends the
 * read that waits. The request factory's own settings are not used; the client's, where
 * Spring Boot's builder and its customizers put theirs, are. Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class HttpComponentsAttemptTransport extends AttemptTransport {

	private final HttpComponentsClientHttpRequestFactory factory;

	private final HttpClient httpClient;

	private final RequestConfig defaults;

	private final ScheduledExecutorService watchdog;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private HttpComponentsAttemptTransport(HttpComponentsClientHttpRequestFactory factory,
			ScheduledExecutorService watchdog, Duration connectTimeout, Duration readTimeout) {
		this.factory = factory;
		this.httpClient = factory.getHttpClient();
		this.defaults = (this.httpClient instanceof Configurable configurable && configurable.getConfig() != null)
				? configurable.getConfig() : RequestConfig.DEFAULT;
		this.watchdog = watchdog;
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
	}

	/**
	 * Return a transport over a request factory if it is HttpClient 5's, else
	 * {@code null}. Call only when HttpClient 5 is on the class path.
	 * @param factory the factory Spring Boot's builder built
	 * @param watchdog ends attempts that pass their time limit
	 * @param connectTimeout the service's connect timeout
	 * @param readTimeout the service's read timeout
	 * @return the transport, or {@code null}
	 */
	public static AttemptTransport over(ClientHttpRequestFactory factory, ScheduledExecutorService watchdog,
			Duration connectTimeout, Duration readTimeout) {
		return (factory instanceof HttpComponentsClientHttpRequestFactory httpComponents)
				? new HttpComponentsAttemptTransport(httpComponents, watchdog, connectTimeout, readTimeout) : null;
	}

	@Override
	ClientHttpResponse send(URI target, HttpMethod method, HttpHeaders headers, Map<String, Object> attributes,
			byte[] body, Duration timeLimit) throws IOException {
		AttemptRequestFactory attempt = new AttemptRequestFactory(this.httpClient, configFor(timeLimit));
		ScheduledFuture<?> timer = this.watchdog.schedule(attempt::cancel, timeLimit.toNanos(), TimeUnit.NANOSECONDS);
		ClientHttpResponse read;
		try {
			ClientHttpResponse response = execute(attempt, target, method, headers, attributes, body);
			read = BufferedBodyResponse.read(response, statusOf(response), method, attempt::cancelled);
		}
		catch (IOException | RuntimeException ex) {
			timer.cancel(false);
			if (attempt.cancelled()) {
				throw timedOut(timeLimit, ex);
			}
			throw ex;
		}
		if (!timer.cancel(false)) {
			// The watchdog ran: what is left of the body is gone.
			read.close();
			throw timedOut(timeLimit, null);
		}
		return read;
	}

	private RequestConfig configFor(Duration timeLimit) {
		RequestConfig.Builder config = RequestConfig.copy(this.defaults)
			.setResponseTimeout(timeout(shorter(timeLimit, this.readTimeout)))
			.setConnectionRequestTimeout(timeout(shorter(timeLimit, poolWait())));
		return connect(config, timeout(shorter(timeLimit, this.connectTimeout))).build();
	}

	/**
	 * The per-request connect timeout is deprecated in favour of the connection
	 * manager's, fixed when the client is built; it still bounds the connect of this
	 * request, which a short deadline needs.
	 */
	@SuppressWarnings("deprecation")
	private static RequestConfig.Builder connect(RequestConfig.Builder config, Timeout timeout) {
		return config.setConnectTimeout(timeout);
	}

	/** The client's own limit on waiting for a pooled connection, or {@code null}. */
	private Duration poolWait() {
		Timeout wait = this.defaults.getConnectionRequestTimeout();
		return (wait != null && !wait.isDisabled()) ? Duration.ofMillis(wait.toMilliseconds()) : null;
	}

	private static Duration shorter(Duration a, Duration b) {
		return (b == null || a.compareTo(b) <= 0) ? a : b;
	}

	private static Timeout timeout(Duration duration) {
		// Zero disables HttpClient's timeouts: a limit already reached is one
		// millisecond.
		return Timeout.ofMilliseconds(Math.max(1, duration.toMillis()));
	}

	private static HttpStatusCode statusOf(ClientHttpResponse response) throws IOException {
		try {
			return response.getStatusCode();
		}
		catch (IOException | RuntimeException ex) {
			ResponseAborts.abort(response, null);
			throw ex;
		}
	}

	private static SocketTimeoutException timedOut(Duration timeLimit, Exception cause) {
		SocketTimeoutException timeout = new SocketTimeoutException(
				"No response within " + timeLimit.toMillis() + " ms");
		if (cause != null) {
			timeout.initCause(cause);
		}
		return timeout;
	}

	@Override
	public void close() {
		try {
			this.factory.destroy();
		}
		catch (Exception ex) {
			// Closing at shutdown: nothing is waiting for the outcome.
		}
	}

}
