package io.datapunk.mesh.internal.resilience;

import io.datapunk.mesh.internal.config.CircuitBreakerSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * Maps the mesh's circuit breaker settings to Resilience4j's configuration, in one place.
 *
 * @author datapunk mesh team
 */
final class CircuitBreakerConfigs {

	private CircuitBreakerConfigs() {
	}

	static CircuitBreakerConfig from(CircuitBreakerSettings settings) {
		return CircuitBreakerConfig.custom()
			.failureRateThreshold(settings.failureRateThreshold())
			.waitDurationInOpenState(settings.waitDurationInOpenState())
			.slidingWindow(settings.slidingWindowSize(), settings.minimumNumberOfCalls(), settings.slidingWindowType())
			.slowCallDurationThreshold(settings.slowCallDurationThreshold())
			.slowCallRateThreshold(settings.slowCallRateThreshold())
			.permittedNumberOfCallsInHalfOpenState(settings.permittedNumberOfCallsInHalfOpenState())
			// Probes are let through on the next call after the wait, not by a timer
			// thread.
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build();
	}

}
