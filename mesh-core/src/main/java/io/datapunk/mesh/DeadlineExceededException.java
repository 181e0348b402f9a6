package io.datapunk.mesh;

import java.time.Duration;
import java.util.List;

/**
 * Thrown when a call's deadline passes before an instance answered: the call's own
 * timeout, or the shorter time left that the incoming request carried.
 *
 * @since 0.1.0
 */
public class DeadlineExceededException extends MeshException {

	private final Duration timeout;

	/**
	 * Create a new exception.
	 * @param serviceId the called service
	 * @param timeout the time the call was given
	 * @param attempts the attempts made, in order
	 * @param cause the failure of the last attempt, or {@code null}
	 */
	public DeadlineExceededException(String serviceId, Duration timeout, List<MeshAttempt> attempts, Throwable cause) {
		super(serviceId, "the deadline of " + timeout.toMillis() + " ms passed", attempts, cause);
		this.timeout = timeout;
	}

	/**
	 * Return the time the call was given.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
