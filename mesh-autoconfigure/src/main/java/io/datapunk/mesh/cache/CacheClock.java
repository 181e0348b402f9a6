package io.datapunk.mesh.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The time a cache hit compares with. Reading the system clock costs about 30 ns on the
 * machines the mesh was measured on, more than the rest of a hit, so in production one
 * daemon thread reads it every few milliseconds and a hit reads that value; times to live
 * are seconds, so a few milliseconds late is nothing. Tests read their clock directly.
 * Thread-safe.
 *
 * @author datapunk mesh team
 */
final class CacheClock {

	private final Clock clock;

	private final ScheduledExecutorService ticker;

	private volatile long millis;

	private CacheClock(Clock clock, ScheduledExecutorService ticker) {
		this.clock = clock;
		this.ticker = ticker;
		this.millis = clock.millis();
	}

	/**
	 * Return a clock that reads the given one at each call.
	 */
	static CacheClock direct(Clock clock) {
		return new CacheClock(clock, null);
	}

	/**
	 * Return a clock that reads the given one every period, on a daemon thread, until
	 * {@link #stop()}.
	 */
	static CacheClock ticking(Clock clock, Duration period) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("mesh-cache-clock-");
		threads.setDaemon(true);
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(threads);
		CacheClock cacheClock = new CacheClock(clock, ticker);
		ticker.scheduleAtFixedRate(cacheClock::tick, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
		return cacheClock;
	}

	private void tick() {
		this.millis = this.clock.millis();
	}

	/**
	 * Return the time for a cache hit: at most one period behind when ticking.
	 */
	long coarseMillis() {
		return (this.ticker != null) ? this.millis : this.clock.millis();
	}

	/**
	 * Return the exact time, for times to live, fetch times and ages.
	 */
	long millis() {
		return this.clock.millis();
	}

	void stop() {
		if (this.ticker != null) {
			this.ticker.shutdownNow();
		}
	}

}
