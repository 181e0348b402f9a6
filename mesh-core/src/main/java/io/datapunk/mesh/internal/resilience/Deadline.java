package io.datapunk.mesh.internal.resilience;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The moment by which a call must be answered, on the JVM's monotonic clock, so that
 * wall-clock changes do not move it. Immutable and thread-safe.
 * <p>
 * Between applications a deadline travels as the time left, in milliseconds, in the
 * {@value #HEADER} request header: relative times are immune to clock skew between hosts
 * (as gRPC's {@code grpc-timeout} is).
 *
 * @since 0.1.0
 */
public final class Deadline {

	/**
	 * Request header that carries the time left for a call, in whole milliseconds.
	 */
	public static final String HEADER = "Mesh-Timeout";

	private final long expiresAtNanos;

	private final Duration timeout;

	/** Monotonic nanoseconds: {@code System::nanoTime} but in tests. */
	private final LongSupplier ticker;

	private Deadline(long expiresAtNanos, Duration timeout, LongSupplier ticker) {
		this.expiresAtNanos = expiresAtNanos;
		this.timeout = timeout;
		this.ticker = ticker;
	}

	/**
	 * Return a deadline that passes after the given time from now.
	 * @param timeout the time allowed, zero or more
	 * @return the deadline
	 */
	public static Deadline after(Duration timeout) {
		return after(timeout, System::nanoTime);
	}

	/**
	 * Return a deadline that passes after the given time from now, as a ticker tells
	 * time.
	 * @param timeout the time allowed, zero or more
	 * @param ticker monotonic nanoseconds, such as {@code System::nanoTime}
	 * @return the deadline
	 */
	public static Deadline after(Duration timeout, LongSupplier ticker) {
		return new Deadline(ticker.getAsLong() + timeout.toNanos(), timeout, ticker);
	}

	/**
	 * Return the time this deadline allowed when it was set.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Return the time left, in nanoseconds.
	 * @return the time left, negative once passed
	 */
	public long remainingNanos() {
		return this.expiresAtNanos - this.ticker.getAsLong();
	}

	/**
	 * Return the time left.
	 * @return the time left, zero once passed
	 */
	public Duration remaining() {
		return Duration.ofNanos(Math.max(0, remainingNanos()));
	}

	/**
	 * Return whether the deadline has passed.
	 * @return {@code true} once no time is left
	 */
	public boolean isExpired() {
		return remainingNanos() <= 0;
	}

	/**
	 * Return the earlier of this deadline and another.
	 * @param other another deadline, may be {@code null}
	 * @return the earlier deadline
	 */
	public Deadline earliest(Deadline other) {
		return (other != null && other.expiresAtNanos - this.expiresAtNanos < 0) ? other : this;
	}

	/**
	 * Return the header value for the time left: whole milliseconds, rounded down, at
	 * least 1 while time is left.
	 * @return the header value
	 */
	public String toHeaderValue() {
		long nanos = remainingNanos();
		return (nanos <= 0) ? "0" : Long.toString(Math.max(1, nanos / 1_000_000));
	}

	/**
	 * Parse a {@value #HEADER} value.
	 * @param value the header value
	 * @return the deadline, or {@code null} if the value is not 1 to 10 digits
	 */
	public static Deadline parseHeaderValue(String value) {
		if (value == null || value.isEmpty() || value.length() > 10) {
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) < '0' || value.charAt(i) > '9') {
				return null;
			}
		}
		return after(Duration.ofMillis(Long.parseLong(value)));
	}

	@Override
	public String toString() {
		return "Deadline[" + remaining().toMillis() + " ms left of " + this.timeout.toMillis() + " ms]";
	}

}
