package io.datapunk.mesh.spi;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;

/**
 * A user's rule for retrying an attempt that the configured statuses and exception types
 * do not cover: every {@code RetryCondition} bean is asked, and one that answers
 * {@code true} makes the attempt retryable. It never makes a non-idempotent request
 * retryable; {@code retry.methods} and {@code @Idempotent} decide that.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RetryCondition {

	/**
	 * Return whether the attempt should be retried.
	 * @param attempt how the attempt ended
	 * @return {@code true} to retry it
	 */
	boolean shouldRetry(Attempt attempt);

	/**
	 * How an attempt ended: with a response (status and headers; the body is not readable
	 * here) or with an I/O failure.
	 *
	 * @param serviceId the called service
	 * @param request the logical request
	 * @param status the response status, or {@code null} if the attempt failed
	 * @param headers the response headers, or {@code null} if the attempt failed
	 * @param failure the failure, or {@code null} if a response came
	 */
	record Attempt(String serviceId, HttpRequest request, HttpStatusCode status, HttpHeaders headers,
			IOException failure) {

	}

}
