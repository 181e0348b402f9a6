package io.datapunk.mesh.autoconfigure.config;

import java.time.Duration;

import io.datapunk.mesh.LoadBalancing;
import jakarta.validation.Valid;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Settings that {@code mesh.defaults} and {@code mesh.services.<name>} share; in a
 * service, an unset value inherits from {@code mesh.defaults}.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public abstract class CallPolicyProperties {

	/**
	 * Time allowed for one attempt, until the response starts. Unset, an attempt may use
	 * what is left of the call's timeout.
	 */
	@PositiveDuration
	private Duration attemptTimeout;

	/**
	 * How an instance is picked for each attempt: p2c-ewma, round-robin, random, weighted
	 * or least-request.
	 */
	private LoadBalancing loadBalancer;

	/**
	 * Circuit breaker of the service.
	 */
	@Valid
	@NestedConfigurationProperty
	private final CircuitBreakerProperties circuitBreaker = new CircuitBreakerProperties();

	/**
	 * Retries of failed attempts.
	 */
	@Valid
	@NestedConfigurationProperty
	private final RetryProperties retry = new RetryProperties();

	/**
	 * Budget that bounds requeues and retries.
	 */
	@Valid
	@NestedConfigurationProperty
	private final RetryBudgetProperties retryBudget = new RetryBudgetProperties();

	/**
	 * Ejection of instances that keep failing.
	 */
	@Valid
	@NestedConfigurationProperty
	private final OutlierDetectionProperties outlierDetection = new OutlierDetectionProperties();

	/**
	 * TLS of the calls to the service.
	 */
	@Valid
	@NestedConfigurationProperty
	private final TlsProperties tls = new TlsProperties();

	public Duration getAttemptTimeout() {
		return this.attemptTimeout;
	}

	public void setAttemptTimeout(Duration attemptTimeout) {
		this.attemptTimeout = attemptTimeout;
	}

	public LoadBalancing getLoadBalancer() {
		return this.loadBalancer;
	}

	public void setLoadBalancer(LoadBalancing loadBalancer) {
		this.loadBalancer = loadBalancer;
	}

	public CircuitBreakerProperties getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public RetryProperties getRetry() {
		return this.retry;
	}

	public RetryBudgetProperties getRetryBudget() {
		return this.retryBudget;
	}

	public OutlierDetectionProperties getOutlierDetection() {
		return this.outlierDetection;
	}

	public TlsProperties getTls() {
		return this.tls;
	}

}
