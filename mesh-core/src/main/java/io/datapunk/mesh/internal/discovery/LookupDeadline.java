package io.datapunk.mesh.internal.discovery;

import java.time.Duration;

/**
 * The deadline of the call whose lookup this thread is making, so that a lookup that has
 * to wait (for Consul's first answer, a DNS answer, Redis) never waits past it. The mesh
 * sets it around the lookup of each call; a lookup made without one (a background
 * refresh, a warm-up) waits as long as its source allows. Times are on the JVM's
 * monotonic clock ({@link System#nanoTime()}).
 *
 * @since 0.1.0
 */
public final class LookupDeadline {

	private static final ThreadLocal<long[]> CURRENT = new ThreadLocal<>();

	private LookupDeadline() {
	}

	/**
	 * Make the given time left this thread's lookup deadline until the returned scope is
	 * closed, which restores the one before.
	 * @param timeLeft the time the call has left, zero or more
	 * @return the scope to close
	 */
	public static Scope within(Duration timeLeft) {
		long[] previous = CURRENT.get();
		CURRENT.set(new long[] { System.nanoTime() + Math.max(0, timeLeft.toNanos()) });
		return () -> {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		};
	}

	/**
	 * Return the longest a lookup may wait: the given wait, cut to what is left of this
	 * thread's lookup deadline.
	 * @param wait the wait the source would allow
	 * @return the wait, at most the time left; zero once the deadline has passed
	 */
	public static Duration cap(Duration wait) {
		long[] deadline = CURRENT.get();
		if (deadline == null) {
			return wait;
		}
		long left = Math.max(0, deadline[0] - System.nanoTime());
		return (left < wait.toNanos()) ? Duration.ofNanos(left) : wait;
	}

	/**
	 * A lookup deadline made current by {@link #within(Duration)}.
	 */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		/**
		 * Restore the lookup deadline that was current before.
		 */
		@Override
		void close();

	}

}
