package io.datapunk.mesh.autoconfigure.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpMethod;
import io.datapunk.mesh.internal.config.RetrySettings;

/**
 * Retry settings of a called service, bound under {@code mesh.defaults.retry} and
 * {@code mesh.services.<name>.retry}. A {@code null} value inherits: a service's from
 * {@code mesh.defaults}, the defaults' from {@link RetrySettings#DEFAULTS}.
 *
 * @since 0.1.0
 */
public class RetryProperties {

	/**
	 * Attempts per call, the first included; 1 turns retries off (requeues of requests
	 * that never reached an instance still happen).
	 */
	@Min(value = 1, message = "must be at least 1")
	@Max(value = 10, message = "must be at most 10")
	private Integer maxAttempts;

	/**
	 * Upper bound of the first random wait before a retry; it doubles with each wait. A
	 * first retry that goes to an instance not tried yet does not wait.
	 */
	@PositiveDuration
	private Duration baseBackoff;

	/**
	 * Largest upper bound of a retry's random backoff.
	 */
	@PositiveDuration
	private Duration maxBackoff;

	/**
	 * Comma-separated list of response statuses that are retried.
	 */
	private List<@HttpStatusValue Integer> statuses;

	/**
	 * Comma-separated list of exception types that are retried when thrown after the
	 * request was sent (subclasses included).
	 */
	private List<Class<? extends Throwable>> exceptions;

	/**
	 * Comma-separated list of HTTP methods that may be retried.
	 */
	private List<HttpMethod> methods;

	public Integer getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(Integer maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getBaseBackoff() {
		return this.baseBackoff;
	}

	public void setBaseBackoff(Duration baseBackoff) {
		this.baseBackoff = baseBackoff;
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

	public List<Integer> getStatuses() {
		return this.statuses;
	}

	public void setStatuses(List<Integer> statuses) {
		this.statuses = statuses;
	}

	public List<Class<? extends Throwable>> getExceptions() {
		return this.exceptions;
	}

	public void setExceptions(List<Class<? extends Throwable>> exceptions) {
		this.exceptions = exceptions;
	}

	public List<HttpMethod> getMethods() {
		return this.methods;
	}

	public void setMethods(List<HttpMethod> methods) {
		this.methods = methods;
	}

}
