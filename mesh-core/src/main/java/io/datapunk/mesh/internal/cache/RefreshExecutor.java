package io.datapunk.mesh.internal.cache;

import io.datapunk.mesh.internal.support.MeshThreads;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
		this.threads = MeshThreads.pool("cache-refresh", MAX_THREADS, MAX_QUEUED);
		this.alarms = MeshThreads.scheduler("cache-refresh-timeout", 1);
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
		MeshThreads.shutdown(this.threads);
		MeshThreads.shutdown(this.alarms);
	}

}
