package io.datapunk.mesh.internal.engine;

import io.datapunk.mesh.DeadlineExceededException;
import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.internal.resilience.Deadline;

/**
 * The exceptions one call ends with, each naming the service, the attempts made and the
 * last cause, and whether the call ended because of its caller (its shorter deadline, an
 * interrupt) rather than the service, which the breaker must then not count. Used by one
 * thread.
 *
 * @author datapunk mesh team
 */
final class CallFailures {

	private final String serviceId;

	private final AttemptHistory history;

	private final Deadline deadline;

	/** Whether the deadline is the caller's, shorter than the service's own timeout. */
	private final boolean callerDeadline;

	private boolean endedByCaller;

	CallFailures(String serviceId, AttemptHistory history, Deadline deadline, boolean callerDeadline) {
		this.serviceId = serviceId;
		this.history = history;
		this.deadline = deadline;
		this.callerDeadline = callerDeadline;
	}

	/**
	 * Return whether the attempt that just failed was cut by the caller, so it says
	 * nothing of its instance: this thread was interrupted, or the caller's shorter
	 * deadline passed.
	 */
	boolean callerGaveUp() {
		if (Thread.currentThread().isInterrupted() || (this.callerDeadline && this.deadline.isExpired())) {
			this.endedByCaller = true;
			return true;
		}
		return false;
	}

	/** Say that the caller ended the call (it interrupted a wait). */
	void endedByCaller() {
		this.endedByCaller = true;
	}

	boolean isEndedByCaller() {
		return this.endedByCaller;
	}

	MeshException exhausted(String reason, Throwable cause) {
		return new RetriesExhaustedException(this.serviceId, reason, this.history.attempts(), cause);
	}

	MeshException deadlineExceeded(Throwable cause) {
		this.endedByCaller |= this.callerDeadline;
		return new DeadlineExceededException(this.serviceId, this.deadline.timeout(), this.history.attempts(), cause);
	}

}
