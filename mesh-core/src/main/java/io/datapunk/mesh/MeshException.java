package io.datapunk.mesh;

import java.util.List;

/**
 * Base class of the errors a mesh call reports: each names the service, the attempts made
 * (instance and outcome of each) and the last cause.
 *
 * @since 0.1.0
 */
public abstract class MeshException extends RuntimeException {

	private final String serviceId;

	private final List<MeshAttempt> attempts;

	/**
	 * Create a new exception.
	 * @param serviceId the called service
	 * @param reason why the call failed, without the service name or attempts
	 * @param attempts the attempts made, in order; empty when none was sent
	 * @param cause the last cause, or {@code null}
	 */
	protected MeshException(String serviceId, String reason, List<MeshAttempt> attempts, Throwable cause) {
		super(describe(serviceId, reason, attempts), cause);
		this.serviceId = serviceId;
		this.attempts = List.copyOf(attempts);
	}

	private static String describe(String serviceId, String reason, List<MeshAttempt> attempts) {
		// Counted as retry.max-attempts counts them: a requeue is said apart.
		long requeues = attempts.stream().filter(MeshAttempt::requeued).count();
		long counted = attempts.size() - requeues;
		StringBuilder message = new StringBuilder("Call to service '").append(serviceId)
			.append("' failed after ")
			.append(counted)
			.append((counted == 1) ? " attempt" : " attempts");
		if (requeues > 0) {
			message.append(" and ")
				.append(requeues)
				.append((requeues == 1) ? " requeue" : " requeues")
				.append(" after a failed connection");
		}
		message.append(": ").append(reason);
		for (MeshAttempt attempt : attempts) {
			message.append("; ").append(attempt);
		}
		return message.toString();
	}

	/**
	 * Return the name of the called service.
	 * @return the service name
	 */
	public String getServiceId() {
		return this.serviceId;
	}

	/**
	 * Return the attempts made, in order.
	 * @return the attempts, empty when no request was sent
	 */
	public List<MeshAttempt> getAttempts() {
		return this.attempts;
	}

}
