package io.datapunk.mesh.internal.config;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;

import java.time.Duration;

/**
 * Effective circuit breaker settings of one called service. Immutable.
 *
 * @param enabled whether calls go through a breaker
 * @param failureRateThreshold percentage of failed calls that opens the breaker
 * @param waitDurationInOpenState time the breaker stays open
 * @param slidingWindowType how the window is measured
 * @param slidingWindowSize calls or seconds in the window
 * @param minimumNumberOfCalls calls needed before the rates are judged
 * @param slowCallDurationThreshold duration above which a call is slow
 * @param slowCallRateThreshold percentage of slow calls that opens the breaker
 * @param permittedNumberOfCallsInHalfOpenState probe calls while half-open
 * @since 0.1.0
 */
public record CircuitBreakerSettings(boolean enabled, float failureRateThreshold, Duration waitDurationInOpenState,
		SlidingWindowType slidingWindowType, int slidingWindowSize, int minimumNumberOfCalls,
		Duration slowCallDurationThreshold, float slowCallRateThreshold, int permittedNumberOfCallsInHalfOpenState) {

	/**
	 * Built-in defaults: Resilience4j's, but for a 30 s wait in the open state.
	 */
	public static final CircuitBreakerSettings DEFAULTS = new CircuitBreakerSettings(true, 50, Duration.ofSeconds(30),
			SlidingWindowType.COUNT_BASED, 100, 100, Duration.ofSeconds(60), 100, 10);

}
