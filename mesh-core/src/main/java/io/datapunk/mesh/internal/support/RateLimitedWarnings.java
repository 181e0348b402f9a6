package io.datapunk.mesh.internal.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;

/**
 * Logs warnings of one kind at most once per interval, telling with the next one how many
 * were left out meanwhile: a hostile or broken source sending thousands of bad values a
 * second must not flood the log. {@link #once} makes the interval endless, for warnings
 * worth one line per kind ever. At most a given number of kinds is remembered, so that
 * kinds made of received values (an address, say) stay bounded: past it, a warning of a
 * new kind is left out. Time is monotonic. Thread-safe.
 *
 * @since 0.1.0
 */
public final class RateLimitedWarnings {

	private static final long ENDLESS = Long.MAX_VALUE;

	private final Log logger;

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final int maxKinds;

	private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

	/**
	 * Create warnings of a few fixed kinds (at most 1,000 are remembered).
	 * @param logger where they go
	 * @param interval the least time between two warnings of one kind
	 * @param nanoTime the monotonic clock
	 */
	public RateLimitedWarnings(Log logger, Duration interval, LongSupplier nanoTime) {
		this(logger, interval.toNanos(), nanoTime, 1_000);
	}

	private RateLimitedWarnings(Log logger, long intervalNanos, LongSupplier nanoTime, int maxKinds) {
		this.logger = logger;
		this.intervalNanos = intervalNanos;
		this.nanoTime = nanoTime;
		this.maxKinds = maxKinds;
	}

	/**
	 * Return warnings logged once per kind, ever.
	 * @param logger where they go
	 * @param maxKinds how many kinds are remembered
	 * @return the warnings
	 */
	public static RateLimitedWarnings once(Log logger, int maxKinds) {
		return new RateLimitedWarnings(logger, ENDLESS, System::nanoTime, maxKinds);
	}

	/**
	 * Log a warning unless one of the same kind was logged less than an interval ago.
	 * @param kind the kind of warning
	 * @param message the warning
	 * @return {@code true} if it was logged
	 */
	public boolean warn(String kind, String message) {
		Kind state = this.kinds.get(kind);
		if (state == null) {
			if (this.kinds.size() >= this.maxKinds) {
				return false;
			}
			state = this.kinds.computeIfAbsent(kind, (name) -> new Kind());
		}
		long now = this.nanoTime.getAsLong();
		long last = state.lastLogged.get();
		if (last != Long.MIN_VALUE && (this.intervalNanos == ENDLESS || now - last < this.intervalNanos)) {
			state.leftOut.incrementAndGet();
			return false;
		}
		if (!state.lastLogged.compareAndSet(last, now)) {
			state.leftOut.incrementAndGet();
			return false;
		}
		long leftOut = state.leftOut.getAndSet(0);
		this.logger.warn((leftOut > 0) ? message + " (" + leftOut + " more like it left out of the log since the last)"
				: message);
		return true;
	}

	private static final class Kind {

		private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);

		private final AtomicLong leftOut = new AtomicLong();

	}

}
