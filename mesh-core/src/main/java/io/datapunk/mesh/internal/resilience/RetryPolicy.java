package io.datapunk.mesh.internal.resilience;

import java.io.IOException;
import java.util.List;

import io.datapunk.mesh.internal.config.RetrySettings;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import io.datapunk.mesh.spi.RetryCondition;

/**
 * A service's retry configuration: how many attempts, which methods may be repeated, and
 * which statuses and failures are retryable (the configured ones and the user's
 * {@link RetryCondition}s). The call engine's outcome classifier asks it; the decision is
 * made there. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class RetryPolicy {

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

}
