package io.datapunk.mesh.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action from many threads at once, for tests of thread-safety.
 *
 * @since 0.1.0
 */
public final class Concurrently {

	private Concurrently() {
	}

	/**
	 * Run an action a number of times on each of a number of threads, all released
	 * together, and wait for them; a failure of any thread fails the call.
	 * @param threads the number of threads
	 * @param times how often each thread runs the action
	 * @param action the action
	 * @throws Exception if a thread failed or took over 30 s
	 */
	public static void repeat(int threads, int times, Runnable action) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < times; i++) {
						action.run();
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

}
