package io.datapunk.mesh.test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A monotonic ticker ({@code System.nanoTime()} stand-in) that tests move by hand, apart
 * from any wall clock: a {@link MutableClock} can step back an hour while this one goes
 * on. Thread-safe.
 *
 * @since 0.1.0
 */
public final class FakeTicker implements LongSupplier {

	private final AtomicLong nanos;

	public FakeTicker() {
		// Not zero: nanoTime has an arbitrary origin, and code must not assume one.
		this(7_000_000_000L);
	}

	public FakeTicker(long startNanos) {
		this.nanos = new AtomicLong(startNanos);
	}

	public void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	@Override
	public long getAsLong() {
		return this.nanos.get();
	}

}
