package io.datapunk.mesh.internal.engine;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Set;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Tells the failures of an attempt that say where it stopped: a failed TLS handshake, or
 * a connection that never reached a server. HTTP clients wrap these differently, so the
 * causes are searched too. The {@link OutcomeClassifier} decides what follows from them.
 *
 * @since 0.1.0
 */
public final class ConnectionFailures {

	/** TLS alerts a server sends when it refuses a handshake (RFC 8446, section 6). */
	private static final Set<String> HANDSHAKE_ALERTS = Set.of("handshake_failure", "bad_certificate",
			"unsupported_certificate", "certificate_revoked", "certificate_expired", "certificate_unknown",
			"unknown_ca", "access_denied", "insufficient_security", "protocol_version", "certificate_required");

	private static final String ALERT_PREFIX = "Received fatal alert: ";

	private ConnectionFailures() {
	}

	/**
	 * Return whether a failure is a failed TLS handshake: the instance's certificate was
	 * not trusted (unknown authority, expired, issued for another host), or the instance
	 * refused the handshake (no common protocol, no or an untrusted client certificate).
	 * The request was not processed by the instance, and sending it there again would
	 * fail the same way.
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
		return message != null && message.startsWith(ALERT_PREFIX)
				&& HANDSHAKE_ALERTS.contains(message.substring(ALERT_PREFIX.length()));
	}

	/**
	 * Return whether a failure happened before any byte of the request could reach a
	 * server: the connection was refused, timed out or had no route, or the host was
	 * unknown. Such a request can be sent elsewhere whatever its method.
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
