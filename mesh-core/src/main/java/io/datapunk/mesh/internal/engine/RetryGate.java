package io.datapunk.mesh.internal.engine;

import java.time.Duration;
import java.util.List;

import io.datapunk.mesh.internal.resilience.Deadline;
import io.datapunk.mesh.internal.resilience.FailureReasons;
import io.datapunk.mesh.internal.resilience.ServiceResilience;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Lets one call send its request again, or ends it: a requeue (the request never reached
 * its instance) goes at once; a retry needs an attempt left and waits a backoff unless it
 * is the first and another instance can take it. Both draw on the service's retry budget,
 * and no wait outlives the deadline. Used by one call at a time (one thread, or one
 * reactive chain).
 *
 * @author datapunk mesh team
 */
final class RetryGate {

	private final ServiceResilience service;

	private final AttemptHistory history;

	private final Deadline deadline;

	private final CallFailures failures;

	private final CallClock clock;

	private int retries;

	/** Retries that waited a backoff; the next wait's bound doubles with each. */
	private int backedOffRetries;

	RetryGate(ServiceResilience service, AttemptHistory history, Deadline deadline, CallFailures failures,
			CallClock clock) {
		this.service = service;
		this.history = history;
		this.deadline = deadline;
		this.failures = failures;
		this.clock = clock;
	}

	/** Send the request elsewhere at once: the last attempt is named as requeued. */
	void requeue(Throwable cause) {
		withdrawFromBudget(cause);
		this.history.markLastRequeued();
		this.service.statistics().requeued(FailureReasons.of(cause));
	}

	/**
	 * Let the request be sent again, after its backoff; the method was found repeatable.
	 * @throws io.datapunk.mesh.MeshException if no attempt or budget is left, or the
	 * backoff would outlast the deadline
	 */
	void retry(List<ServiceInstance> available, Throwable cause) {
		Duration backoff = permitRetry(available, cause);
		if (!backoff.isZero()) {
			pause(backoff, cause);
		}
	}

	/**
	 * Let the request be sent again and return the backoff to wait first, without
	 * waiting: a non-blocking caller waits on its own timer.
	 * @throws io.datapunk.mesh.MeshException if no attempt or budget is left, or the
	 * backoff would outlast the deadline
	 */
	Duration permitRetry(List<ServiceInstance> available, Throwable cause) {
		int maxAttempts = this.service.retryPolicy().maxAttempts();
		if (1 + this.retries >= maxAttempts) {
			throw this.failures.exhausted("no retry left (retry.max-attempts is " + maxAttempts + ")", cause);
		}
		Duration backoff = backoffBeforeRetry(available);
		if (!backoff.isZero() && backoff.toNanos() >= this.deadline.remainingNanos()) {
			throw this.failures.deadlineExceeded(cause);
		}
		withdrawFromBudget(cause);
		this.service.statistics().retried(FailureReasons.of(cause));
		this.retries++;
		return backoff;
	}

	private void withdrawFromBudget(Throwable cause) {
		if (!this.service.retryBudget().tryWithdraw()) {
			this.service.statistics().budgetExhausted();
			throw this.failures.exhausted("the retry budget of service '" + this.service.serviceId() + "' is spent",
					cause);
		}
	}

	/**
	 * Return the wait before the next retry. The first retry goes at once when another
	 * instance can take it, as a requeue does: one failing instance then costs its
	 * callers a round trip, not a backoff. Later retries, and a first retry that can only
	 * go back to an instance already tried, wait with full jitter, the bound doubling
	 * from {@code base-backoff}, so that a service failing as a whole is not pressed.
	 */
	private Duration backoffBeforeRetry(List<ServiceInstance> available) {
		if (this.retries == 0 && this.history.hasUntried(available)) {
			return Duration.ZERO;
		}
		this.backedOffRetries++;
		return this.service.backoff().delay(this.backedOffRetries);
	}

	/** Wait a backoff on this thread. */
	void pause(Duration backoff, Throwable cause) {
		try {
			this.clock.pause().pause(backoff);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.failures.endedByCaller();
			throw this.failures.exhausted("interrupted while waiting to retry", cause);
		}
	}

}
