package io.datapunk.mesh.autoconfigure.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.datapunk.mesh.internal.config.OutlierDetectionSettings;

/**
 * Outlier ejection of a called service's instances, bound under
 * {@code mesh.defaults.outlier-detection} and
 * {@code mesh.services.<name>.outlier-detection}. A {@code null} value inherits: a
 * service's from {@code mesh.defaults}, the defaults' from
 * {@link OutlierDetectionSettings#DEFAULTS}.
 *
 * @since 0.1.0
 */
public class OutlierDetectionProperties {

	/**
	 * Whether instances that keep failing are ejected for a while.
	 */
	private Boolean enabled;

	/**
	 * Consecutive failures (connection errors, timeouts, 502, 503 and 504 answers; every
	 * 5xx with count-all-server-errors) that eject an instance.
	 */
	@Min(value = 1, message = "must be at least 1")
	@Max(value = 1000, message = "must be at most 1000")
	private Integer consecutiveFailures;

	/**
	 * Time of a first ejection; each repeated ejection lasts one more multiple of it.
	 */
	@PositiveDuration
	private Duration baseEjectionTime;

	/**
	 * Longest ejection.
	 */
	@PositiveDuration
	private Duration maxEjectionTime;

	/**
	 * Largest share (0-1) of a service's instances ejected at once; one instance can
	 * always be ejected.
	 */
	@Ratio
	private Double maxEjectionRatio;

	/**
	 * Share (0-1) of instances that must be available; below it, calls go to every
	 * instance, ejected or not, rather than to too few.
	 */
	@Ratio
	private Double panicThreshold;

	/**
	 * Whether every 5xx answer counts toward ejection, not only gateway failures (502,
	 * 503, 504), as Envoy's consecutive 5xx does; a 500 is often an answer to one
	 * request, not a sign of a sick instance.
	 */
	private Boolean countAllServerErrors;

	public Boolean getCountAllServerErrors() {
		return this.countAllServerErrors;
	}

	public void setCountAllServerErrors(Boolean countAllServerErrors) {
		this.countAllServerErrors = countAllServerErrors;
	}

	public Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(Boolean enabled) {
		this.enabled = enabled;
	}

	public Integer getConsecutiveFailures() {
		return this.consecutiveFailures;
	}

	public void setConsecutiveFailures(Integer consecutiveFailures) {
		this.consecutiveFailures = consecutiveFailures;
	}

	public Duration getBaseEjectionTime() {
		return this.baseEjectionTime;
	}

	public void setBaseEjectionTime(Duration baseEjectionTime) {
		this.baseEjectionTime = baseEjectionTime;
	}

	public Duration getMaxEjectionTime() {
		return this.maxEjectionTime;
	}

	public void setMaxEjectionTime(Duration maxEjectionTime) {
		this.maxEjectionTime = maxEjectionTime;
	}

	public Double getMaxEjectionRatio() {
		return this.maxEjectionRatio;
	}

	public void setMaxEjectionRatio(Double maxEjectionRatio) {
		this.maxEjectionRatio = maxEjectionRatio;
	}

	public Double getPanicThreshold() {
		return this.panicThreshold;
	}

	public void setPanicThreshold(Double panicThreshold) {
		this.panicThreshold = panicThreshold;
	}

}
