package io.datapunk.mesh.internal.cache;

import io.datapunk.mesh.internal.support.MeshThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The time a cache hit compares with. Reading the system clock costs about 30 ns on the
 * machines the mesh was measured on, more than the rest of a hit, so in production one
 * daemon thread reads it every few milliseconds and a hit reads that value; times to live
 * are seconds, so a few milliseconds late is nothing. Tests read their clock directly.
 * <p>
 * Times to live, refreshes and ages are monotonic milliseconds (a ticker such as
 * {@code System::nanoTime}), so that a wall clock stepped back neither keeps a list
 * forever nor makes it look new; the wall clock only stamps the fetch times that people
 * and other application instances read. Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class CacheClock {

	private final Clock clock;

	private final LongSupplier nanoTicker;

	private final ScheduledExecutorService ticker;

	private volatile long millis;

	private CacheClock(Clock clock, LongSupplier nanoTicker, ScheduledExecutorService ticker) {
		this.clock = clock;
		this.nanoTicker = nanoTicker;
		this.ticker = ticker;
		this.millis = millis();
	}

	/**
	 * Return a clock that reads the given one at each call, for times of both kinds.
	 */
	public static CacheClock direct(Clock clock) {
		return direct(clock, () -> clock.millis() * 1_000_000L);
	}

	/**
	 * Return a clock that reads the given ones at each call.
	 * @param clock the wall clock
	 * @param nanoTicker monotonic nanoseconds
	 */
	public static CacheClock direct(Clock clock, LongSupplier nanoTicker) {
		return new CacheClock(clock, nanoTicker, null);
	}

	/**
	 * Return a clock that reads the given one every period, on a daemon thread, until
	 * {@link #stop()}, for times of both kinds.
	 */
	public static CacheClock ticking(Clock clock, Duration period) {
		return ticking(clock, () -> clock.millis() * 1_000_000L, period);
	}

	/**
	 * Return a clock that reads the ticker every period, on a daemon thread, until
	 * {@link #stop()}.
	 * @param clock the wall clock
	 * @param nanoTicker monotonic nanoseconds
	 * @param period how often the ticker is read for hits
	 */
	public static CacheClock ticking(Clock clock, LongSupplier nanoTicker, Duration period) {
		ScheduledExecutorService ticker = MeshThreads.scheduler("cache-clock", 1);
		CacheClock cacheClock = new CacheClock(clock, nanoTicker, ticker);
		ticker.scheduleAtFixedRate(cacheClock::tick, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
		return cacheClock;
	}

	private void tick() {
		this.millis = millis();
	}

	/**
	 * Return the monotonic time for a cache hit: at most one period behind when ticking.
	 */
	long coarseMillis() {
		return (this.ticker != null) ? this.millis : millis();
	}

	/**
	 * Return the exact monotonic time, for times to live, fetch times kept and ages.
	 */
	long millis() {
		return Math.floorDiv(this.nanoTicker.getAsLong(), 1_000_000L);
	}

	/**
	 * Return the wall-clock time, for fetch times shown and shared.
	 */
	long wallMillis() {
		return this.clock.millis();
	}

	/**
	 * Turn a monotonic time into a wall-clock one, as of now.
	 */
	long toWallMillis(long monotonicMillis) {
		return wallMillis() - (millis() - monotonicMillis);
	}

	/**
	 * Turn a wall-clock time (another host's, say) into a monotonic one, as of now.
	 */
	long toMonotonicMillis(long wallMillis) {
		return millis() - (wallMillis() - wallMillis);
	}

	void stop() {
		if (this.ticker != null) {
			MeshThreads.shutdown(this.ticker);
		}
	}

}
