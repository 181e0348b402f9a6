package io.datapunk.mesh.internal.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.datapunk.mesh.internal.config.RetrySettings;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import io.datapunk.mesh.spi.RetryCondition;

/**
 * Decides which failed attempts of a service may be sent again: requeues of requests that
 * never reached a server, for any method, and retries of failures after sending, for the
 * methods that may be repeated. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class RetryPolicy {

	/** TLS alerts a server sends when it refuses a handshake (RFC 8446, section 6). */
	private static final Set<String> HANDSHAKE_ALERTS = Set.of("handshake_failure", "bad_certificate",
			"unsupported_certificate", "certificate_revoked", "certificate_expired", "certificate_unknown",
			"unknown_ca", "access_denied", "insufficient_security", "protocol_version", "certificate_required");

	private final RetrySettings settings;

	private final List<RetryCondition> conditions;

	/**
	 * Create a policy.
	 * @param settings the service's retry settings
	 * @param conditions the user's extra conditions
	 */
	public RetryPolicy(RetrySettings settings, List<RetryCondition> conditions) {
		this.settings = settings;
		this.conditions = List.copyOf(conditions);
	}

	/**
	 * Return the attempts allowed per call, the first included; requeues do not count.
	 * @return the maximum number of attempts
	 */
	public int maxAttempts() {
		return this.settings.maxAttempts();
	}

	/**
	 * Return whether a request may be sent twice after it reached a server.
	 * @param method the request method
	 * @param markedIdempotent whether the caller marked this request idempotent
	 * @return {@code true} for the configured methods and for marked requests
	 */
	public boolean mayRepeat(HttpMethod method, boolean markedIdempotent) {
		return markedIdempotent || this.settings.methods().contains(method);
	}

	/**
	 * Return whether an answer is one to retry.
	 * @param serviceId the called service
	 * @param request the logical request
	 * @param status the response status
	 * @param headers the response headers
	 * @return {@code true} for a configured status or when a condition says so
	 */
	public boolean isRetryable(String serviceId, HttpRequest request, HttpStatusCode status, HttpHeaders headers) {
		if (this.settings.statuses().contains(status.value())) {
			return true;
		}
		return !this.conditions.isEmpty()
				&& anyCondition(new RetryCondition.Attempt(serviceId, request, status, headers, null));
	}

	/**
	 * Return whether a failure after sending is one to retry.
	 * @param serviceId the called service
	 * @param request the logical request
	 * @param failure the failure
	 * @return {@code true} for a configured exception type or when a condition says so
	 */
	public boolean isRetryable(String serviceId, HttpRequest request, IOException failure) {
		for (Class<? extends Throwable> type : this.settings.exceptions()) {
			if (type.isInstance(failure)) {
				return true;
			}
		}
		return !this.conditions.isEmpty()
				&& anyCondition(new RetryCondition.Attempt(serviceId, request, null, null, failure));
	}

	private boolean anyCondition(RetryCondition.Attempt attempt) {
		for (RetryCondition condition : this.conditions) {
			if (condition.shouldRetry(attempt)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return whether a failure is a failed TLS handshake: the instance's certificate was
	 * not trusted (unknown authority, expired, issued for another host), or the instance
	 * refused the handshake (no common protocol, no or an untrusted client certificate).
	 * The request was not processed by the instance, and sending it there again would
	 * fail the same way. Clients wrap these differently, so the causes are searched too.
	 * @param failure the failure
	 * @return {@code true} for a failed TLS handshake
	 */
	public static boolean isTlsFailure(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 5; depth++) {
			if (current instanceof SSLHandshakeException || current instanceof SSLPeerUnverifiedException
					|| (current instanceof SSLException && isHandshakeAlert(current.getMessage()))) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

	/**
	 * With TLS 1.3 a server judges the client's certificate after the client finished its
	 * side of the handshake, so its refusal comes as an alert on a connection the client
	 * already thought established, before the server read any request.
	 */
	private static boolean isHandshakeAlert(String message) {
		return message != null && message.startsWith("Received fatal alert: ")
				&& HANDSHAKE_ALERTS.contains(message.substring("Received fatal alert: ".length()));
	}

	/**
	 * Return whether a failure happened before any byte of the request could reach a
	 * server: the connection was refused, timed out or had no route, or the host was
	 * unknown. Such a request can be sent elsewhere whatever its method. Clients wrap
	 * these differently, so the causes are searched too.
	 * @param failure the failure
	 * @return {@code true} if the request surely never reached a server
	 */
	public static boolean neverReachedServer(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 5; depth++) {
			if (current instanceof ConnectException || current instanceof NoRouteToHostException
					|| current instanceof UnknownHostException || current instanceof HttpConnectTimeoutException
					|| current.getClass().getSimpleName().equals("ConnectTimeoutException")) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

}
