package io.datapunk.mesh.autoconfigure.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.datapunk.mesh.internal.config.CircuitBreakerSettings;

/**
 * Circuit breaker settings of a called service, bound under
 * {@code mesh.defaults.circuit-breaker} and {@code mesh.services.<name>.circuit-breaker}.
 * The names and units follow Resilience4j's. A {@code null} value inherits: a service's
 * from {@code mesh.defaults}, the defaults' from the built-in values of
 * {@link CircuitBreakerSettings#DEFAULTS}.
 *
 * @since 0.1.0
 */
public class CircuitBreakerProperties {

	/**
	 * Whether calls to the service go through a circuit breaker.
	 */
	private Boolean enabled;

	/**
	 * Percentage (above 0, up to 100) of failed calls in the sliding window at which the
	 * breaker opens.
	 */
	@Percentage
	private Float failureRateThreshold;

	/**
	 * Time the breaker stays open before it lets probe calls through.
	 */
	@PositiveDuration
	private Duration waitDurationInOpenState;

	/**
	 * Whether the sliding window counts the last calls or the calls of the last seconds.
	 */
	private SlidingWindowType slidingWindowType;

	/**
	 * Size of the sliding window: calls when count-based, seconds when time-based.
	 */
	@Min(value = 1, message = "must be at least 1")
	@Max(value = 10000, message = "must be at most 10000")
	private Integer slidingWindowSize;

	/**
	 * Calls the window needs before the failure rate is judged.
	 */
	@Min(value = 1, message = "must be at least 1")
	@Max(value = 10000, message = "must be at most 10000")
	private Integer minimumNumberOfCalls;

	/**
	 * Duration above which a call counts as slow.
	 */
	@PositiveDuration
	private Duration slowCallDurationThreshold;

	/**
	 * Percentage (above 0, up to 100) of slow calls at which the breaker opens.
	 */
	@Percentage
	private Float slowCallRateThreshold;

	/**
	 * Probe calls let through while half-open.
	 */
	@Min(value = 1, message = "must be at least 1")
	@Max(value = 1000, message = "must be at most 1000")
	private Integer permittedNumberOfCallsInHalfOpenState;

	public Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(Boolean enabled) {
		this.enabled = enabled;
	}

	public Float getFailureRateThreshold() {
		return this.failureRateThreshold;
	}

	public void setFailureRateThreshold(Float failureRateThreshold) {
		this.failureRateThreshold = failureRateThreshold;
	}

	public Duration getWaitDurationInOpenState() {
		return this.waitDurationInOpenState;
	}

	public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
		this.waitDurationInOpenState = waitDurationInOpenState;
	}

	public SlidingWindowType getSlidingWindowType() {
		return this.slidingWindowType;
	}

	public void setSlidingWindowType(SlidingWindowType slidingWindowType) {
		this.slidingWindowType = slidingWindowType;
	}

	public Integer getSlidingWindowSize() {
		return this.slidingWindowSize;
	}

	public void setSlidingWindowSize(Integer slidingWindowSize) {
		this.slidingWindowSize = slidingWindowSize;
	}

	public Integer getMinimumNumberOfCalls() {
		return this.minimumNumberOfCalls;
	}

	public void setMinimumNumberOfCalls(Integer minimumNumberOfCalls) {
		this.minimumNumberOfCalls = minimumNumberOfCalls;
	}

	public Duration getSlowCallDurationThreshold() {
		return this.slowCallDurationThreshold;
	}

	public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
		this.slowCallDurationThreshold = slowCallDurationThreshold;
	}

	public Float getSlowCallRateThreshold() {
		return this.slowCallRateThreshold;
	}

	public void setSlowCallRateThreshold(Float slowCallRateThreshold) {
		this.slowCallRateThreshold = slowCallRateThreshold;
	}

	public Integer getPermittedNumberOfCallsInHalfOpenState() {
		return this.permittedNumberOfCallsInHalfOpenState;
	}

	public void setPermittedNumberOfCallsInHalfOpenState(Integer permittedNumberOfCallsInHalfOpenState) {
		this.permittedNumberOfCallsInHalfOpenState = permittedNumberOfCallsInHalfOpenState;
	}

	/**
	 * How the sliding window of a circuit breaker is measured.
	 */
	public enum SlidingWindowType {

		/**
		 * The last N calls.
		 */
		COUNT_BASED,

		/**
		 * The calls of the last N seconds.
		 */
		TIME_BASED

	}

}
