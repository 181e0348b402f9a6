package io.datapunk.mesh.internal.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.Assert;

/**
 * Exponential backoff with full jitter: before retry {@code n}, wait a random time
 * between zero and {@code min(base × 2^(n-1), max)}. Spreading the wait over the whole
 * range, rather than around the ceiling, keeps clients that failed together from retrying
 * together.
 * <p>
 * Times are handled in nanoseconds, so a {@code max} over 292 years counts as 292 years.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Backoff {

	private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

	private final long baseNanos;

	private final long maxNanos;

	/**
	 * Create a backoff.
	 * @param base the ceiling of the first retry's delay, more than zero
	 * @param max the ceiling of every delay, at least {@code base}
	 * @throws IllegalArgumentException if an argument is out of range or {@code null}
	 */
	public Backoff(Duration base, Duration max) {
		Assert.notNull(base, "base must not be null");
		Assert.notNull(max, "max must not be null");
		Assert.isTrue(!base.isNegative() && !base.isZero(), () -> "base must be > 0, but was " + base);
		Assert.isTrue(max.compareTo(base) >= 0, () -> "max must be >= base (" + base + "), but was " + max);
		this.baseNanos = nanos(base);
		this.maxNanos = nanos(max);
	}

	private static long nanos(Duration duration) {
		return (duration.compareTo(LONGEST) < 0) ? duration.toNanos() : Long.MAX_VALUE;
	}

	/**
	 * Return a random delay to wait before the given retry.
	 * @param retryNumber the retry, 1 for the first one
	 * @return a delay from zero (inclusive) to {@link #ceiling(int)} (exclusive)
	 * @throws IllegalArgumentException if {@code retryNumber} is less than 1
	 */
	public Duration delay(int retryNumber) {
		return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceilingNanos(retryNumber)));
	}

	/**
	 * Return the upper bound of {@link #delay(int)} for the given retry:
	 * {@code min(base × 2^(retryNumber-1), max)}.
	 * @param retryNumber the retry, 1 for the first one
	 * @return the ceiling of the delay
	 * @throws IllegalArgumentException if {@code retryNumber} is less than 1
	 */
	public Duration ceiling(int retryNumber) {
		return Duration.ofNanos(ceilingNanos(retryNumber));
	}

	private long ceilingNanos(int retryNumber) {
		if (retryNumber < 1) {
			throw new IllegalArgumentException("retryNumber must be >= 1, but was " + retryNumber);
		}
		int doublings = retryNumber - 1;
		// Compare before shifting: base << doublings can overflow, max >> can't.
		if (doublings >= Long.SIZE - 1 || this.baseNanos > (this.maxNanos >> doublings)) {
			return this.maxNanos;
		}
		return this.baseNanos << doublings;
	}

}
