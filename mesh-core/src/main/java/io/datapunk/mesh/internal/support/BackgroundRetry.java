package io.datapunk.mesh.internal.support;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task in the background until it succeeds or the retry is {@link #stop()
 * stopped}, waiting a {@link Backoff} delay after each failure: the application goes on
 * while a server it needs (Consul, Redis) is down, and many instances that lost it at the
 * same moment do not all come back at the same moment.
 * <p>
 * The task runs on the given scheduler, or on a thread of the retry's own that ends when
 * idle ({@link #onOwnThread}). {@link #restart()} starts again at once with no failure
 * counted, dropping a wait under way. Thread-safe; attempts never overlap.
 *
 * @since 0.1.0
 */
public final class BackgroundRetry {

	/**
	 * One try of the task.
	 */
	@FunctionalInterface
	public interface Attempt {

		/**
		 * Try once.
		 * @throws Exception when the try failed and must be repeated
		 */
		void run() throws Exception;

	}

	/**
	 * Told of each failed try, before the wait.
	 */
	@FunctionalInterface
	public interface FailureListener {

		/**
		 * Note a failure.
		 * @param failures failed tries in a row, 1 for the first
		 * @param failure what the try threw
		 * @param wait the wait before the next try
		 */
		void failed(int failures, Exception failure, Duration wait);

	}

	private final ScheduledExecutorService scheduler;

	private final boolean ownScheduler;

	private final Backoff backoff;

	private final Attempt attempt;

	private final FailureListener listener;

	/** Counts starts, so that a try scheduled before a restart or stop does nothing. */
	private long generation;

	private int failures;

	private boolean pending;

	private boolean stopped;

	private ScheduledFuture<?> next;

	/**
	 * Create a retry that runs on the given scheduler, which its owner shuts down.
	 * @param scheduler where the tries run
	 * @param backoff the waits between tries
	 * @param attempt one try
	 * @param listener told of each failure
	 */
	public BackgroundRetry(ScheduledExecutorService scheduler, Backoff backoff, Attempt attempt,
			FailureListener listener) {
		this(scheduler, false, backoff, attempt, listener);
	}

	private BackgroundRetry(ScheduledExecutorService scheduler, boolean ownScheduler, Backoff backoff, Attempt attempt,
			FailureListener listener) {
		this.scheduler = scheduler;
		this.ownScheduler = ownScheduler;
		this.backoff = backoff;
		this.attempt = attempt;
		this.listener = listener;
	}

	/**
	 * Create a retry with a thread of its own, named {@code mesh-<purpose>-<n>}, which
	 * ends once idle and is shut down by {@link #stop()}.
	 * @param purpose what the thread does
	 * @param backoff the waits between tries
	 * @param attempt one try
	 * @param listener told of each failure
	 * @return the retry, not started
	 */
	public static BackgroundRetry onOwnThread(String purpose, Backoff backoff, Attempt attempt,
			FailureListener listener) {
		ScheduledThreadPoolExecutor scheduler = MeshThreads.scheduler(purpose, 1);
		scheduler.setKeepAliveTime(1, TimeUnit.SECONDS);
		return new BackgroundRetry(scheduler, true, backoff, attempt, listener);
	}

	/**
	 * Start trying, at once, unless a try is already pending.
	 */
	public synchronized void start() {
		if (!this.pending) {
			restart();
		}
	}

	/**
	 * Start trying again at once with no failure counted, dropping a wait under way.
	 */
	public synchronized void restart() {
		if (this.stopped) {
			return;
		}
		cancelNext();
		this.failures = 0;
		this.pending = true;
		schedule(++this.generation, Duration.ZERO);
	}

	/**
	 * Tell whether the task has not succeeded yet since the last (re)start.
	 * @return {@code true} while tries go on
	 */
	public synchronized boolean isPending() {
		return this.pending;
	}

	/**
	 * Drop the next try, leaving the retry ready for a later {@link #restart()}.
	 */
	public synchronized void cancel() {
		cancelNext();
		this.generation++;
		this.pending = false;
	}

	/**
	 * Stop for good: no try starts after this, one running is interrupted if the retry
	 * has its own thread.
	 */
	public void stop() {
		synchronized (this) {
			this.stopped = true;
			cancel();
		}
		if (this.ownScheduler) {
			MeshThreads.shutdown(this.scheduler);
		}
	}

	private void run(long generation) {
		synchronized (this) {
			if (generation != this.generation || this.stopped) {
				return;
			}
		}
		Exception failure;
		try {
			this.attempt.run();
			synchronized (this) {
				if (generation == this.generation) {
					this.pending = false;
					this.failures = 0;
				}
			}
			return;
		}
		catch (Exception ex) {
			failure = ex;
		}
		int failures;
		Duration wait;
		synchronized (this) {
			if (generation != this.generation || this.stopped) {
				return;
			}
			failures = ++this.failures;
			wait = this.backoff.delay(failures);
		}
		try {
			this.listener.failed(failures, failure, wait);
		}
		finally {
			synchronized (this) {
				if (generation == this.generation && !this.stopped) {
					schedule(generation, wait);
				}
			}
		}
	}

	private void schedule(long generation, Duration wait) {
		try {
			this.next = this.scheduler.schedule(() -> run(generation), wait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Shut down with the context: nothing more is tried.
			this.pending = false;
		}
	}

	private void cancelNext() {
		if (this.next != null) {
			this.next.cancel(false);
			this.next = null;
		}
	}

}
