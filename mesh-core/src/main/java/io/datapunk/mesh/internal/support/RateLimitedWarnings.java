package io.datapunk.mesh.internal.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;

/**
 * Logs warnings of one kind at most once per interval, telling with the next one how many
 * were left out meanwhile: a hostile or broken writer sending thousands of bad messages a
 * second must not flood the log. Kinds are fixed strings of the mesh's own code, so their
 * number is bounded. Time is monotonic. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class RateLimitedWarnings {

	private final Log logger;

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

	RateLimitedWarnings(Log logger, Duration interval, LongSupplier nanoTime) {
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Log a warning unless one of the same kind was logged less than an interval ago.
	 * @param kind the kind of warning
	 * @param message the warning
	 * @return {@code true} if it was logged
	 */
	boolean warn(String kind, String message) {
		Kind state = this.kinds.computeIfAbsent(kind, (name) -> new Kind());
		long now = this.nanoTime.getAsLong();
		long last = state.lastLogged.get();
		if (last != Long.MIN_VALUE && now - last < this.intervalNanos) {
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
