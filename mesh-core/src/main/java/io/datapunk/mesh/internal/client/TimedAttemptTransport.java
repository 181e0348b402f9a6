package io.datapunk.mesh.internal.client;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Attempts over HTTP clients whose timeouts are fixed when they are built (Jetty, Reactor
 * Netty, {@code HttpURLConnection}; the JDK client and HttpClient 5 take them per request
 * and have transports of their own): the attempt runs on a worker thread while the caller
 * waits at most the time limit for the response and the start of its body (what
 * {@link BufferedBodyResponse} holds), so that a trickling body cannot keep a call past
 * its deadline. A worker whose attempt was abandoned stops reading at the next bytes and
 * aborts the response; one blocked on an instance that sends nothing ends at the client's
 * read timeout, which whoever builds the transports caps at the attempt timeout.
 * Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class TimedAttemptTransport extends AttemptTransport {

	private final ClientHttpRequestFactory factory;

	private final Executor executor;

	public TimedAttemptTransport(ClientHttpRequestFactory factory, Executor executor) {
		this.factory = factory;
		this.executor = executor;
	}

	@Override
	ClientHttpResponse send(URI target, HttpMethod method, HttpHeaders headers, Map<String, Object> attributes,
			byte[] body, Duration timeLimit) throws IOException {
		CompletableFuture<ClientHttpResponse> attempt = new CompletableFuture<>();
		// The worker may outlive the wait: it gets its own copy of what the caller
		// changes.
		HttpHeaders copy = new HttpHeaders();
		copy.putAll(headers);
		Runnable worker = () -> {
			try {
				ClientHttpResponse response = execute(this.factory, target, method, copy, attributes, body);
				ClientHttpResponse read = BufferedBodyResponse.read(response, response.getStatusCode(), method,
						attempt::isDone);
				if (!attempt.complete(read)) {
					read.close();
				}
			}
			catch (Throwable ex) {
				attempt.completeExceptionally(ex);
			}
		};
		try {
			this.executor.execute(worker);
		}
		catch (RejectedExecutionException ex) {
			throw new IllegalStateException("No thread free for an attempt: " + AttemptTransports.MAX_ATTEMPT_THREADS
					+ " attempts are running on mesh-attempt threads", ex);
		}
		return await(attempt, timeLimit);
	}

	private static ClientHttpResponse await(CompletableFuture<ClientHttpResponse> attempt, Duration timeLimit)
			throws IOException {
		try {
			return attempt.get(timeLimit.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			if (attempt.cancel(false)) {
				throw new SocketTimeoutException("No response within " + timeLimit.toMillis() + " ms");
			}
			// The attempt ended in the meantime: report how.
			return await(attempt, Duration.ZERO);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			if (!attempt.cancel(false)) {
				// It completed meanwhile: nobody will read this response.
				if (!attempt.isCompletedExceptionally()) {
					attempt.join().close();
				}
			}
			throw new IOException("Interrupted while waiting for a response", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IOException(cause);
		}
	}

	@Override
	public void close() {
		try {
			if (this.factory instanceof DisposableBean disposable) {
				disposable.destroy();
			}
			else if (this.factory instanceof AutoCloseable closeable) {
				closeable.close();
			}
		}
		catch (Exception ex) {
			// Closing at shutdown: nothing is waiting for the outcome.
		}
	}

}
