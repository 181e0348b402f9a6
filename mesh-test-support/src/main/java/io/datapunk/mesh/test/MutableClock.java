package io.datapunk.mesh.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link Clock} that tests move by hand, so time-based logic is tested without
 * sleeping. Thread-safe.
 *
 * @since 0.1.0
 */
public final class MutableClock extends Clock {

	private volatile Instant now;

	public MutableClock() {
		this(Instant.parse("2026-01-01T00:00:00Z"));
	}

	public MutableClock(Instant start) {
		this.now = start;
	}

	public synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public long millis() {
		return this.now.toEpochMilli();
	}

}
