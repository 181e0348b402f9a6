package io.datapunk.mesh.internal.resilience;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

import javax.net.ssl.SSLException;

import org.springframework.web.client.RestClientResponseException;

/**
 * Names why an attempt failed, in a few fixed words, for counts and metric tags: the
 * reason must not grow with the number of hosts, paths or messages.
 *
 * @since 0.1.0
 */
public final class FailureReasons {

	private FailureReasons() {
	}

	/**
	 * Return the reason of a failed attempt.
	 * @param failure the failure: an I/O exception, or the exception standing for a
	 * retryable status
	 * @return one of {@code status-<code>}, {@code connect-refused},
	 * {@code connect-timeout}, {@code unknown-host}, {@code no-route}, {@code tls},
	 * {@code timeout}, {@code connection-closed} or {@code io-error}
	 */
	public static String of(Throwable failure) {
		if (failure instanceof RestClientResponseException response) {
			return "status-" + response.getStatusCode().value();
		}
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 5; depth++) {
			String reason = reasonOf(current);
			if (reason != null) {
				return reason;
			}
			current = current.getCause();
		}
		return "io-error";
	}

	private static String reasonOf(Throwable failure) {
		// Most specific first: HttpConnectTimeoutException is an HttpTimeoutException.
		if (failure instanceof HttpConnectTimeoutException
				|| failure.getClass().getSimpleName().equals("ConnectTimeoutException")) {
			return "connect-timeout";
		}
		if (failure instanceof ConnectException) {
			return "connect-refused";
		}
		if (failure instanceof UnknownHostException) {
			return "unknown-host";
		}
		if (failure instanceof NoRouteToHostException) {
			return "no-route";
		}
		if (failure instanceof SSLException) {
			return "tls";
		}
		if (failure instanceof HttpTimeoutException || failure instanceof InterruptedIOException) {
			// SocketTimeoutException is an InterruptedIOException.
			return "timeout";
		}
		if (failure instanceof EOFException) {
			return "connection-closed";
		}
		return null;
	}

}
