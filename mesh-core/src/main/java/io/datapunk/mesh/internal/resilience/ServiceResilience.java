package io.datapunk.mesh.internal.resilience;

import io.datapunk.mesh.internal.support.Backoff;
import io.datapunk.mesh.internal.config.ServiceSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Everything that protects the calls to one service: its settings, circuit breaker, retry
 * policy, retry budget, backoff and outlier detector. Created once per service by
 * {@link ResilienceRegistry}; its parts are thread-safe.
 *
 * @param serviceId the service name
 * @param settings the service's effective settings
 * @param circuitBreaker the breaker, or {@code null} when disabled
 * @param retryPolicy which failures are sent again
 * @param retryBudget the budget requeues and retries draw on
 * @param backoff the wait before each retry
 * @param outlierDetector the per-instance ejection, or {@code null} when disabled
 * @param statistics the counts of requeues, retries and spent budgets
 * @since 0.1.0
 */
public record ServiceResilience(String serviceId, ServiceSettings settings, CircuitBreaker circuitBreaker,
		RetryPolicy retryPolicy, RetryBudget retryBudget, Backoff backoff, OutlierDetector outlierDetector,
		CallStatistics statistics) {

}
