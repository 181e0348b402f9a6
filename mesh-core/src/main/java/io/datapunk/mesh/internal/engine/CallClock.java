package io.datapunk.mesh.internal.engine;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The engine's time: a monotonic ticker for deadlines and attempt durations, and the wait
 * before a retry. Tests pass a fake ticker and a pause that moves it.
 *
 * @param ticker monotonic nanoseconds
 * @param pause waits before a retry
 */
record CallClock(LongSupplier ticker, Pause pause) {

	static final CallClock SYSTEM = new CallClock(System::nanoTime, CallClock::sleep);

	long now() {
		return this.ticker.getAsLong();
	}

	private static void sleep(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
	}

	/**
	 * Waits a while.
	 */
	@FunctionalInterface
	interface Pause {

		void pause(Duration duration) throws InterruptedException;

	}

}
