package io.datapunk.mesh.internal.client;

import java.net.SocketTimeoutException;
import java.time.Duration;

import io.netty.handler.timeout.ReadTimeoutException;
import reactor.netty.http.client.HttpClientRequest;

import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.ClientRequest;

/**
 * What a reactive attempt gets on Reactor Netty alone: the service's {@code read-timeout}
 * as the request's response timeout (the longest wait for the answer and between two
 * reads of it), and that timeout's failure as the {@link SocketTimeoutException} the
 * engine judges as a blocking client's read timeout. Other connectors have no per-request
 * setting: there the engine's attempt time limit applies. A class of its own so that
 * Reactor Netty is loaded only where it is present.
 *
 * @author datapunk mesh team
 */
final class ReactorNettyAttempts {

	/** Whether Reactor Netty is on the class path. */
	static final boolean PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClientRequest",
			ReactorNettyAttempts.class.getClassLoader());

	private ReactorNettyAttempts() {
	}

	/**
	 * Limit the wait for an attempt's answer, if it goes out on Reactor Netty.
	 * @param attempt the attempt's request
	 * @param readTimeout the service's read timeout
	 */
	static void limitResponseTime(ClientRequest.Builder attempt, Duration readTimeout) {
		attempt.httpRequest((request) -> {
			if (request.getNativeRequest() instanceof HttpClientRequest netty) {
				netty.responseTimeout(readTimeout);
			}
		});
	}

	/**
	 * Return the failure of a response timeout as a read timeout.
	 * @param failure what Reactor Netty signalled
	 * @param readTimeout the timeout that was set
	 * @return the read timeout, or {@code null} if the failure is another one
	 */
	static SocketTimeoutException readTimeout(Throwable failure, Duration readTimeout) {
		if (failure instanceof ReadTimeoutException) {
			return new SocketTimeoutException("no answer within read-timeout " + readTimeout.toMillis() + " ms");
		}
		return null;
	}

}
