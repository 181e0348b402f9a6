package io.datapunk.mesh.internal.resilience;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.springframework.util.Assert;

/**
 * The validated settings of an {@link OutlierDetector} and the arithmetic on them: when
 * an instance is an outlier, how long it is ejected, how many may be at once and when
 * panic mode begins. Immutable.
 *
 * @author datapunk mesh team
 */
final class EjectionRules {

	private final int consecutiveFailures;

	private final Duration baseEjectionTime;

	private final Duration maxEjectionTime;

	private final double maxEjectionRatio;

	private final double panicThreshold;

	private final double jitter;

	private final RandomGenerator random;

	EjectionRules(int consecutiveFailures, Duration baseEjectionTime, Duration maxEjectionTime, double maxEjectionRatio,
			double panicThreshold) {
		this(consecutiveFailures, baseEjectionTime, maxEjectionTime, maxEjectionRatio, panicThreshold, 0, null);
	}

	/**
	 * Create the rules.
	 * @param jitter the largest share (0-1) by which an ejection is shortened at random,
	 * so that the application instances of a fleet do not all readmit an instance at the
	 * same moment
	 * @param random the source of the jitter, unused when it is 0
	 */
	EjectionRules(int consecutiveFailures, Duration baseEjectionTime, Duration maxEjectionTime, double maxEjectionRatio,
			double panicThreshold, double jitter, RandomGenerator random) {
		Assert.isTrue(consecutiveFailures >= 1,
				() -> "consecutiveFailures must be >= 1, but was " + consecutiveFailures);
		Assert.isTrue(baseEjectionTime != null && baseEjectionTime.compareTo(Duration.ZERO) > 0,
				() -> "baseEjectionTime must be > 0, but was " + baseEjectionTime);
		Assert.isTrue(maxEjectionTime != null && maxEjectionTime.compareTo(baseEjectionTime) >= 0,
				() -> "maxEjectionTime must be >= baseEjectionTime (" + baseEjectionTime + "), but was "
						+ maxEjectionTime);
		Assert.isTrue(isRatio(maxEjectionRatio),
				() -> "maxEjectionRatio must be between 0 and 1, but was " + maxEjectionRatio);
		Assert.isTrue(isRatio(panicThreshold),
				() -> "panicThreshold must be between 0 and 1, but was " + panicThreshold);
		this.consecutiveFailures = consecutiveFailures;
		this.baseEjectionTime = baseEjectionTime;
		this.maxEjectionTime = maxEjectionTime;
		this.maxEjectionRatio = maxEjectionRatio;
		this.panicThreshold = panicThreshold;
		Assert.isTrue(isRatio(jitter), () -> "jitter must be between 0 and 1, but was " + jitter);
		this.jitter = jitter;
		this.random = random;
	}

	/**
	 * Shorten an ejection by a random share of at most the jitter: never longer than the
	 * time given, so never past maxEjectionTime.
	 */
	Duration jittered(Duration ejectionTime) {
		if (this.jitter == 0 || ejectionTime.isNegative() || ejectionTime.isZero()) {
			return ejectionTime;
		}
		long cut = (long) (ejectionTime.toNanos() * this.jitter * this.random.nextDouble());
		return ejectionTime.minusNanos(cut);
	}

	private static boolean isRatio(double value) {
		// Written so that NaN fails.
		return value >= 0 && value <= 1;
	}

	boolean isOutlier(int consecutiveFailures) {
		return consecutiveFailures >= this.consecutiveFailures;
	}

	Duration maxEjectionTime() {
		return this.maxEjectionTime;
	}

	/**
	 * Return how long to eject an instance that another application instance ejected,
	 * from the time its ejection has left: at most {@code maxEjectionTime} and jittered,
	 * or {@code null} if it is over.
	 */
	Duration remoteEjectionTime(Duration left) {
		Duration remaining = (left.compareTo(this.maxEjectionTime) > 0) ? this.maxEjectionTime : left;
		if (remaining.isNegative() || remaining.isZero()) {
			return null;
		}
		// Jittered here too: every application instance that hears the event would
		// otherwise readmit the instance at the same moment.
		return jittered(remaining);
	}

	Duration ejectionTime(int multiplier) {
		// Compare before multiplying, so that a long run of ejections cannot overflow.
		return (multiplier > this.maxEjectionTime.dividedBy(this.baseEjectionTime)) ? this.maxEjectionTime
				: this.baseEjectionTime.multipliedBy(multiplier);
	}

	long baseEjectionTimesIn(Duration duration) {
		return Math.max(0, duration.dividedBy(this.baseEjectionTime));
	}

	int maxEjections(int knownInstances) {
		int max = (int) Math.floor(this.maxEjectionRatio * knownInstances);
		// The product may fall just short of a whole number (0.29 * 100 = 28.999...); the
		// quotient is exact where it matters.
		if (knownInstances > 0 && (double) (max + 1) / knownInstances <= this.maxEjectionRatio) {
			max++;
		}
		return Math.max(1, max);
	}

	boolean isPanic(int available, int instances) {
		// A quotient rather than a product, for the same reason: 3 of 10 is then not
		// below
		// a threshold of 0.3.
		return instances > 0 && (double) available / instances < this.panicThreshold;
	}

}
