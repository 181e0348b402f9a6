package io.datapunk.mesh.autoconfigure.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.datapunk.mesh.internal.config.RetryBudgetSettings;

/**
 * Retry budget of a called service, shared by its requeues and retries, bound under
 * {@code mesh.defaults.retry-budget} and {@code mesh.services.<name>.retry-budget}. A
 * {@code null} value inherits: a service's from {@code mesh.defaults}, the defaults' from
 * {@link RetryBudgetSettings#DEFAULTS}.
 *
 * @since 0.1.0
 */
public class RetryBudgetProperties {

	/**
	 * Retries allowed per call made, as a ratio (0-1) over the window.
	 */
	@Ratio
	private Double retryRatio;

	/**
	 * Retries allowed per second whatever the traffic, so that quiet services can retry.
	 */
	@Min(value = 0, message = "must be 0 or more")
	@Max(value = 10000, message = "must be at most 10000")
	private Integer minRetriesPerSecond;

	/**
	 * Window over which calls and retries are counted.
	 */
	@PositiveDuration
	private Duration window;

	public Double getRetryRatio() {
		return this.retryRatio;
	}

	public void setRetryRatio(Double retryRatio) {
		this.retryRatio = retryRatio;
	}

	public Integer getMinRetriesPerSecond() {
		return this.minRetriesPerSecond;
	}

	public void setMinRetriesPerSecond(Integer minRetriesPerSecond) {
		this.minRetriesPerSecond = minRetriesPerSecond;
	}

	public Duration getWindow() {
		return this.window;
	}

	public void setWindow(Duration window) {
		this.window = window;
	}

}
