package io.datapunk.mesh.internal.config;

import java.time.Duration;

/**
 * Effective retry budget of one called service. Immutable.
 *
 * @param retryRatio retries allowed per call made, over the window
 * @param minRetriesPerSecond retries allowed per second whatever the traffic
 * @param window window over which calls and retries are counted
 * @since 0.1.0
 */
public record RetryBudgetSettings(double retryRatio, int minRetriesPerSecond, Duration window) {

	/**
	 * Built-in defaults, Finagle's and Linkerd's: 20 % of calls plus 10 retries per
	 * second, over 10 s.
	 */
	public static final RetryBudgetSettings DEFAULTS = new RetryBudgetSettings(0.2, 10, Duration.ofSeconds(10));

}
