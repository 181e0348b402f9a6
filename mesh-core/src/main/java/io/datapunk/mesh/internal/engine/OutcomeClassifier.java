package io.datapunk.mesh.internal.engine;

import java.io.IOException;

import io.datapunk.mesh.internal.engine.Verdict.Kind;
import io.datapunk.mesh.internal.resilience.RetryPolicy;
import io.datapunk.mesh.internal.resilience.ServiceResilience;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * The one place that decides what an attempt's outcome means: whether the answer goes to
 * the caller, the request is requeued (it never reached the instance), retried (it did,
 * and may be repeated) or not sent again; whether it counts against the instance (toward
 * its ejection) and against the service (for its circuit breaker). It asks the service's
 * {@link RetryPolicy} (statuses, exception types and the user's {@code RetryCondition}s
 * that make an outcome retryable, the methods that may be repeated); whether there is an
 * instance left to requeue to, and whether the caller ended the attempt, come from the
 * call. Immutable; one per call.
 *
 * @author datapunk mesh team
 */
final class OutcomeClassifier {

	static final String TLS_NOWHERE_ELSE = "TLS failure, not retried on the same instance, and no other instance is left";

	static final String NOT_RETRYABLE_FAILURE = "the failure is not one to retry (see retry.exceptions)";

	private final String serviceId;

	private final RetryPolicy policy;

	private final boolean countAllServerErrors;

	OutcomeClassifier(ServiceResilience service) {
		this(service.serviceId(), service.retryPolicy(), service.settings().outlierDetection().countAllServerErrors());
	}

	OutcomeClassifier(String serviceId, RetryPolicy policy, boolean countAllServerErrors) {
		this.serviceId = serviceId;
		this.policy = policy;
		this.countAllServerErrors = countAllServerErrors;
	}

	/**
	 * Classify an answer. A retryable one (a configured status, or a condition says so)
	 * is retried if the method may be repeated, else the call gives up: the answer never
	 * reaches the caller either way.
	 * @throws RuntimeException what a user's condition threw
	 */
	Verdict ofAnswer(HttpStatusCode status, HttpHeaders headers, CallRequest request) {
		int code = status.value();
		boolean ejection = countsForEjection(code);
		boolean breaker = countsForBreaker(code);
		if (!this.policy.isRetryable(this.serviceId, request.logical(), status, headers)) {
			return new Verdict(Kind.SUCCESS, ejection, breaker, null);
		}
		return repeatable(request, ejection, breaker);
	}

	/**
	 * Classify a failed attempt. One that never reached the instance is requeued when
	 * another instance is left (a failed TLS handshake never goes back to its instance);
	 * otherwise the configured exception types and conditions decide, and then the
	 * method.
	 * @param failure the failure
	 * @param request the call's request
	 * @param callerGaveUp whether the caller's shorter deadline or an interrupt ended the
	 * attempt, which then says nothing of the instance
	 * @param deadlinePassed whether the call's deadline passed
	 * @param untriedLeft whether an available instance was not tried yet
	 */
	Verdict ofFailure(IOException failure, CallRequest request, boolean callerGaveUp, boolean deadlinePassed,
			boolean untriedLeft) {
		boolean counts = !callerGaveUp;
		if (deadlinePassed) {
			return new Verdict(Kind.DEADLINE, counts, counts, null);
		}
		if (ConnectionFailures.isTlsFailure(failure)) {
			// The handshake failed, so the request was not processed: another instance
			// may take it at once, but this one would fail the same way.
			return untriedLeft ? new Verdict(Kind.REQUEUE, counts, counts, null)
					: new Verdict(Kind.GIVE_UP, counts, counts, TLS_NOWHERE_ELSE);
		}
		if (ConnectionFailures.neverReachedServer(failure) && untriedLeft) {
			// Nothing reached a server, so any method may go elsewhere at once.
			return new Verdict(Kind.REQUEUE, counts, counts, null);
		}
		if (!this.policy.isRetryable(this.serviceId, request.logical(), failure)) {
			return new Verdict(Kind.GIVE_UP, counts, counts, NOT_RETRYABLE_FAILURE);
		}
		return repeatable(request, counts, counts);
	}

	private Verdict repeatable(CallRequest request, boolean ejection, boolean breaker) {
		if (this.policy.mayRepeat(request.method(), request.markedIdempotent())) {
			return new Verdict(Kind.RETRY, ejection, breaker, null);
		}
		return new Verdict(Kind.GIVE_UP, ejection, breaker, request.method() + " is not idempotent, so it was not "
				+ "sent again (mark the method @Idempotent or list it in retry.methods)");
	}

	/**
	 * Tell whether an answer counts as a failure of its instance: a gateway failure (502,
	 * 503, 504), as Envoy's consecutive gateway failure counts them, or any 5xx when
	 * configured so. A 500 is often the answer to one request (an input the service
	 * cannot handle), not a sign of a sick instance.
	 */
	boolean countsForEjection(int status) {
		if (status == 502 || status == 503 || status == 504) {
			return true;
		}
		return this.countAllServerErrors && status >= 500 && status <= 599;
	}

	/**
	 * Tell whether an answer counts as a failure of the service (for its breaker) and of
	 * the instance's latency average: any server error.
	 */
	static boolean countsForBreaker(int status) {
		return status >= 500;
	}

}
