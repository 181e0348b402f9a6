package io.datapunk.mesh.internal.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * How one called service stands at a moment, as health checks, the status endpoint and
 * metrics report it.
 *
 * @param serviceId the service
 * @param instances the instances discovery knows
 * @param available the instances not ejected
 * @param ejected the instances ejected by outlier detection
 * @param breaker the state of the service's circuit breaker, or {@code null} when calls
 * to the service have no breaker
 * @param critical whether the application is not ready while this service is down
 * @since 0.1.0
 */
public record ServiceState(String serviceId, int instances, int available, int ejected, CircuitBreaker.State breaker,
		boolean critical) {

	/**
	 * Return whether calls to the service cannot succeed now: it has no instance, or the
	 * breaker refuses calls. Ejected instances do not make it down: when too few
	 * instances are left, calls go to all of them, ejected or not (panic mode), so a
	 * service whose every instance is ejected (the only one of a small service, after a
	 * few failures or one event from another application) still gets calls, and health
	 * says what calls do.
	 * @return {@code true} if the service is down
	 */
	public boolean isDown() {
		return this.instances == 0 || this.breaker == CircuitBreaker.State.OPEN
				|| this.breaker == CircuitBreaker.State.FORCED_OPEN;
	}

	/**
	 * Return the breaker's state as a word, {@code DISABLED} when there is no breaker.
	 * @return the state's name
	 */
	public String breakerState() {
		return (this.breaker != null) ? this.breaker.name() : "DISABLED";
	}

}
