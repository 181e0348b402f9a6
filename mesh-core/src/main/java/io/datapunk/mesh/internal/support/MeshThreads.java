package io.datapunk.mesh.internal.support;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way the mesh makes threads: every thread it starts is a daemon named
 * {@code mesh-<purpose>-<n>} (so a thread dump says whose it is), every pool is bounded,
 * and every pool is shut down by the bean that owns it when the application context
 * closes ({@link #shutdown(ExecutorService)}). Idle threads end on their own, so a pool
 * costs no thread while it has nothing to do.
 *
 * @since 0.1.0
 */
public final class MeshThreads {

	/** Prefix of every thread the mesh starts. */
	public static final String PREFIX = "mesh-";

	private static final long IDLE_SECONDS = 30;

	/** How long a shutdown waits for running tasks to see their interrupt. */
	private static final long SHUTDOWN_WAIT_MILLIS = 2_000;

	private MeshThreads() {
	}

	/**
	 * Return a factory of daemon threads named {@code mesh-<purpose>-<n>}.
	 * @param purpose what the threads do, such as {@code "consul-watch"}
	 * @return the factory
	 */
	public static ThreadFactory named(String purpose) {
		String prefix = PREFIX + purpose + "-";
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Return a scheduler of at most {@code threads} threads, which end when idle; a
	 * cancelled task leaves its queue at once.
	 * @param purpose what the threads do
	 * @param threads the most threads
	 * @return the scheduler
	 */
	public static ScheduledThreadPoolExecutor scheduler(String purpose, int threads) {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(threads, named(purpose));
		scheduler.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
		scheduler.allowCoreThreadTimeOut(true);
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	/**
	 * Return a pool of at most {@code threads} threads, which end when idle, with a
	 * bounded queue: past it, a task is rejected rather than kept.
	 * @param purpose what the threads do
	 * @param threads the most threads
	 * @param queue the most tasks waiting for a thread
	 * @return the pool
	 */
	public static ThreadPoolExecutor pool(String purpose, int threads, int queue) {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(queue), named(purpose));
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/**
	 * Stop a pool: queued tasks are dropped, running ones interrupted, and their end
	 * awaited briefly, so that no thread of a closed context outlives it by much.
	 * @param executor the pool, may be {@code null}
	 */
	public static void shutdown(ExecutorService executor) {
		if (executor == null) {
			return;
		}
		executor.shutdownNow();
		try {
			executor.awaitTermination(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
