package io.datapunk.mesh;

import java.util.List;

/**
 * Thrown when a service's circuit breaker does not let a call through: it is open after
 * too many failures, or half-open with all its probe calls in flight. No request was
 * sent.
 *
 * @since 0.1.0
 */
public class CircuitOpenException extends MeshException {

	private final String state;

	/**
	 * Create a new exception.
	 * @param serviceId the called service
	 * @param state the breaker's state, such as {@code OPEN}
	 * @param failureRate the failure rate (percent) that the breaker last measured, or a
	 * negative number when it had too few calls to measure one
	 * @param cause the breaker's own refusal, or {@code null}
	 */
	public CircuitOpenException(String serviceId, String state, float failureRate, Throwable cause) {
		super(serviceId,
				"the circuit breaker is " + state
						+ ((failureRate >= 0) ? " (failure rate " + Math.round(failureRate) + " %)" : "")
						+ ", so no request was sent",
				List.of(), cause);
		this.state = state;
	}

	/**
	 * Return the state the breaker was in.
	 * @return the state, such as {@code OPEN} or {@code HALF_OPEN}
	 */
	public String getState() {
		return this.state;
	}

}
