package io.datapunk.mesh.internal.engine;

/**
 * Short descriptions of how an attempt ended, for {@link io.datapunk.mesh.MeshAttempt}.
 *
 * @author datapunk mesh team
 */
final class Outcomes {

	private Outcomes() {
	}

	/**
	 * Describe a failure as its type and message, following causes while the message is
	 * empty: the JDK client reports a refused connection as a {@code ConnectException}
	 * without a message, caused by a {@code ClosedChannelException}. A TLS failure says
	 * so first; the JDK's TLS messages name certificates and hosts, never key material.
	 */
	static String describe(Throwable failure) {
		StringBuilder description = new StringBuilder(ConnectionFailures.isTlsFailure(failure) ? "TLS failure: " : "");
		description.append(failure.getClass().getSimpleName());
		Throwable current = failure;
		while (current.getMessage() == null && current.getCause() != null && current.getCause() != current) {
			current = current.getCause();
			description.append(" <- ").append(current.getClass().getSimpleName());
		}
		if (current.getMessage() != null) {
			description.append(": ").append(current.getMessage());
		}
		return description.toString();
	}

}
