package io.datapunk.mesh.internal.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import io.datapunk.mesh.LoadBalancing;

/**
 * Effective settings of one called service: its {@code mesh.services.<name>} values over
 * {@code mesh.defaults} over the built-in defaults. Immutable.
 *
 * @param serviceId the service name
 * @param instances static instance addresses, possibly empty
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout time allowed for an instance to start answering one attempt
 * @param timeout time allowed for a whole call, all attempts and backoffs included
 * @param attemptTimeout time allowed for one attempt, or {@code null} for no bound but
 * the call's
 * @param loadBalancer how an instance is picked for each attempt
 * @param circuitBreaker circuit breaker settings
 * @param retry retry settings
 * @param retryBudget retry budget settings
 * @param outlierDetection outlier ejection settings
 * @param tls TLS settings
 * @since 0.1.0
 */
public record ServiceSettings(String serviceId, List<URI> instances, Duration connectTimeout, Duration readTimeout,
		Duration timeout, Duration attemptTimeout, LoadBalancing loadBalancer, CircuitBreakerSettings circuitBreaker,
		RetrySettings retry, RetryBudgetSettings retryBudget, OutlierDetectionSettings outlierDetection,
		TlsSettings tls) {

	/**
	 * Create the settings, copying the instance list.
	 */
	public ServiceSettings {
		instances = List.copyOf(instances);
	}

}
