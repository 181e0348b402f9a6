package io.datapunk.mesh.internal.engine;

import io.datapunk.mesh.CircuitOpenException;
import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.internal.resilience.ServiceResilience;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Runs a call under its service's circuit breaker. The breaker judges whole calls (a call
 * that succeeded on its second attempt is a success, one answered with a server error a
 * failure); instances are judged per attempt, by outlier ejection. A call that reached no
 * instance, or that its caller ended, is not counted at all. The blocking loop is run
 * here; the reactive one uses the same steps ({@link #permit}, {@link #answered},
 * {@link #failed}).
 *
 * @author datapunk mesh team
 */
final class BreakerGuard {

	private BreakerGuard() {
	}

	/**
	 * Run a call if the breaker permits it.
	 * @throws CircuitOpenException if it does not; no attempt is made then
	 */
	static <R extends AttemptResponse> R run(ServiceResilience service, CallLoop<R> call) {
		CircuitBreaker breaker = permit(service);
		if (breaker == null) {
			return call.run();
		}
		long start = breaker.getCurrentTimestamp();
		try {
			R answer = call.run();
			answered(breaker, service.serviceId(), call.answeredStatus(), start);
			return answer;
		}
		catch (RuntimeException | Error ex) {
			failed(breaker, ex, call.endedByCaller(), start);
			throw ex;
		}
	}

	/**
	 * Take the breaker's permission for one call.
	 * @return the breaker, {@code null} if the service has none
	 * @throws CircuitOpenException if the breaker does not permit the call
	 */
	static CircuitBreaker permit(ServiceResilience service) {
		CircuitBreaker breaker = service.circuitBreaker();
		if (breaker != null && !breaker.tryAcquirePermission()) {
			throw new CircuitOpenException(service.serviceId(), breaker.getState().name(),
					breaker.getMetrics().getFailureRate(), null);
		}
		return breaker;
	}

	/** Count a call answered: a server error the caller receives is still a failure. */
	static void answered(CircuitBreaker breaker, String serviceId, int status, long start) {
		long duration = breaker.getCurrentTimestamp() - start;
		if (OutcomeClassifier.countsForBreaker(status)) {
			breaker.onError(duration, breaker.getTimestampUnit(), new ServerErrorStatus(serviceId, status));
		}
		else {
			breaker.onSuccess(duration, breaker.getTimestampUnit());
		}
	}

	/**
	 * Count a call that failed, unless nothing reached the service or its caller ended
	 * it.
	 */
	static void failed(CircuitBreaker breaker, Throwable failure, boolean endedByCaller, long start) {
		if (failure instanceof MeshException ex && (ex.getAttempts().isEmpty() || endedByCaller)) {
			// Nothing reached the service, or its caller gave up: neither says anything
			// of the service's health (a tiny Mesh-Timeout must not open the breaker).
			breaker.releasePermission();
		}
		else {
			breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), failure);
		}
	}

}
