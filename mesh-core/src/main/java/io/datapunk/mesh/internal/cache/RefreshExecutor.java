package io.datapunk.mesh.internal.cache;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The threads of the cache's background refreshes: up to {@value #MAX_THREADS}, started
 * as needed and let go when idle, so that one service whose source hangs holds one thread
 * and never delays the refresh of another (the cache starts at most one refresh per
 * service at a time). A refresh still running after its timeout is interrupted, which
 * ends a wait on Consul, DNS, Redis or an HTTP call. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class RefreshExecutor {

	/** Most refreshes running at once, hung ones included. */
	static final int MAX_THREADS = 16;

	/** Most refreshes waiting for a thread. */
	private static final int MAX_QUEUED = 1024;

	private final ThreadPoolExecutor threads;

	private final ScheduledThreadPoolExecutor alarms;

	private final long timeoutNanos;

	RefreshExecutor(Duration timeout) {
		this.timeoutNanos = timeout.toNanos();
		this.threads = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(MAX_QUEUED), daemonThreads("mesh-cache-refresh-"));
		this.threads.allowCoreThreadTimeOut(true);
		this.alarms = new ScheduledThreadPoolExecutor(1, daemonThreads("mesh-cache-refresh-timeout-"));
		this.alarms.setRemoveOnCancelPolicy(true);
	}

	private static CustomizableThreadFactory daemonThreads(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

	/**
	 * Run a refresh on a thread of its own, interrupted if still running after the
	 * timeout.
	 * @param refresh the refresh
	 * @throws RejectedExecutionException when shut down, or too many refreshes wait
	 */
	void execute(Runnable refresh) {
		this.threads.execute(() -> {
			Thread thread = Thread.currentThread();
			ScheduledFuture<?> alarm = this.alarms.schedule(thread::interrupt, this.timeoutNanos, TimeUnit.NANOSECONDS);
			try {
				refresh.run();
			}
			finally {
				alarm.cancel(false);
				// An alarm that went off as the refresh ended is for it alone.
				Thread.interrupted();
			}
		});
	}

	/**
	 * Return how many refreshes are running now.
	 * @return the number of busy threads
	 */
	int active() {
		return this.threads.getActiveCount();
	}

	void shutdown() {
		this.threads.shutdownNow();
		this.alarms.shutdownNow();
	}

}
