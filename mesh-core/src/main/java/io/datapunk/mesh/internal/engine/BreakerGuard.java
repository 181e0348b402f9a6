package io.datapunk.mesh.internal.engine;

import io.datapunk.mesh.CircuitOpenException;
import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.internal.resilience.ServiceResilience;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Runs a call under its service's circuit breaker. The breaker judges whole calls (a call
 * that succeeded on its second attempt is a success, one answered with a server error a
 * failure); instances are judged per attempt, by outlier ejection. A call that reached no
 * instance, or that its caller ended, is not counted at all.
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
		CircuitBreaker breaker = service.circuitBreaker();
		if (breaker == null) {
			return call.run();
		}
		if (!breaker.tryAcquirePermission()) {
			throw new CircuitOpenException(service.serviceId(), breaker.getState().name(),
					breaker.getMetrics().getFailureRate(), null);
		}
		long start = breaker.getCurrentTimestamp();
		try {
			R answer = call.run();
			answered(breaker, service.serviceId(), call.answeredStatus(), breaker.getCurrentTimestamp() - start);
			return answer;
		}
		catch (MeshException ex) {
			if (ex.getAttempts().isEmpty() || call.endedByCaller()) {
				// Nothing reached the service, or its caller gave up: neither says
				// anything of the service's health (a tiny Mesh-Timeout must not open the
				// breaker).
				breaker.releasePermission();
			}
			else {
				breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), ex);
			}
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), ex);
			throw ex;
		}
	}

	/** Count a call answered: a server error the caller receives is still a failure. */
	private static void answered(CircuitBreaker breaker, String serviceId, int status, long duration) {
		if (OutcomeClassifier.countsForBreaker(status)) {
			breaker.onError(duration, breaker.getTimestampUnit(), new ServerErrorStatus(serviceId, status));
		}
		else {
			breaker.onSuccess(duration, breaker.getTimestampUnit());
		}
	}

}
