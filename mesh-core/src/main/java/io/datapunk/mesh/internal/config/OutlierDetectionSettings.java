package io.datapunk.mesh.internal.config;

import java.time.Duration;

/**
 * Effective outlier ejection settings of one called service. Immutable.
 *
 * @param enabled whether failing instances are ejected
 * @param consecutiveFailures consecutive failures that eject an instance
 * @param baseEjectionTime time of a first ejection
 * @param maxEjectionTime longest ejection
 * @param maxEjectionRatio largest share of instances ejected at once
 * @param panicThreshold share of instances that must be available
 * @param countAllServerErrors whether every 5xx counts, not only 502, 503 and 504
 * @since 0.1.0
 */
public record OutlierDetectionSettings(boolean enabled, int consecutiveFailures, Duration baseEjectionTime,
		Duration maxEjectionTime, double maxEjectionRatio, double panicThreshold, boolean countAllServerErrors) {

	/**
	 * Built-in defaults: 5 consecutive failures eject for 30 s (growing with repeats, at
	 * most 300 s), at most half of the instances, panic below half available; only
	 * gateway failures (connection failures, timeouts, 502, 503, 504) count.
	 */
	public static final OutlierDetectionSettings DEFAULTS = new OutlierDetectionSettings(true, 5,
			Duration.ofSeconds(30), Duration.ofSeconds(300), 0.5, 0.5, false);

}
