package io.datapunk.mesh.internal.discovery.consul;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.datapunk.mesh.internal.support.Backoff;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The watch of one service: a chain of blocking queries for its passing instances that
 * keeps the last answer. No thread waits while Consul holds a query: each query is sent
 * asynchronously, and its answer, handled on the shared scheduler, sends the next one (at
 * once, or after a growing wait when it failed). Readers get the last list without
 * waiting or locking (one volatile read); when a query fails the list is kept, marked
 * stale, and {@link #staleFor()} says how long Consul has not answered.
 * <p>
 * Whatever goes wrong while a query is sent or its answer handled (an exception or an
 * {@link Error}, from the HTTP client, the parsing or a listener) counts as a failed
 * query: the watch always goes on until {@link #stop()}.
 * <p>
 * Consul's rules for blocking queries are followed: an index that goes backwards resets
 * the watch to index 0, and an index below 1 is never sent.
 */
public final class ServiceWatch {

	private final String serviceId;

	private final ConsulApi api;

	private final WatchConfig settings;

	private final ScheduledExecutorService scheduler;

	/** The waits before a query that follows a failed one. */
	private final Backoff backoff;

	/** How long a query may stay unanswered before the list counts as stale. */
	private final long quietLimitNanos;

	private final CountDownLatch firstAnswer = new CountDownLatch(1);

	private final WatchedInstances known;

	private volatile boolean running = true;

	/** Failed queries in a row; only the chain of queries (one at a time) touches it. */
	private int failures;

	/** Whether the next query must be sent without an index; guarded by this. */
	private boolean resync;

	/** Counts the queries sent, so that the answer of one a resync dropped is ignored. */
	private long generation;

	/** The query in flight; guarded by this. */
	private CompletableFuture<ConsulApi.HealthAnswer> inFlight;

	ServiceWatch(String serviceId, ConsulApi api, WatchConfig settings, Clock clock,
			BiConsumer<String, List<ServiceInstance>> onChange, ScheduledExecutorService scheduler) {
		this.serviceId = serviceId;
		this.api = api;
		this.settings = settings;
		this.known = new WatchedInstances(serviceId, clock, onChange);
		this.scheduler = scheduler;
		this.backoff = new Backoff(settings.getMinBackoff(), settings.getMaxBackoff());
		this.quietLimitNanos = ConsulApi.queryTimeout(settings.getWait()).toNanos();
	}

	/**
	 * Tell whether Consul ever answered this watch.
	 */
	boolean hasAnswered() {
		return this.known.state().lastAnswer() != null;
	}

	/**
	 * Return the last failure, {@code null} after a successful answer.
	 */
	String lastError() {
		return this.known.state().error();
	}

	List<ServiceInstance> instances() {
		return this.known.state().instances();
	}

	/**
	 * Return how long Consul has not answered ({@link WatchedList#staleFor}).
	 */
	Duration staleFor() {
		return this.known.staleFor(this.quietLimitNanos);
	}

	/**
	 * Wait, at most the given time, until the first query has been answered or has
	 * failed.
	 * @param timeout longest wait
	 */
	void awaitFirstAnswer(Duration timeout) {
		if (timeout.isZero() || timeout.isNegative()) {
			return;
		}
		try {
			this.firstAnswer.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Send the first query.
	 */
	void start() {
		query();
	}

	private void query() {
		if (!this.running) {
			return;
		}
		long index;
		long sent;
		synchronized (this) {
			WatchedList state = this.known.state();
			// After a failure or a resync, ask at once rather than block: the list is
			// fresh again as soon as Consul answers.
			index = (state.fresh() && !this.resync) ? state.index() : 0;
			this.resync = false;
			sent = ++this.generation;
		}
		long start = System.nanoTime();
		CompletableFuture<ConsulApi.HealthAnswer> answer;
		try {
			answer = this.api.passingInstancesAsync(this.serviceId, index, this.settings.getWait());
		}
		catch (Throwable ex) {
			answer = CompletableFuture.failedFuture(ex);
		}
		synchronized (this) {
			this.inFlight = answer;
		}
		// Handled on the scheduler, never on the thread that sent the query: no chain of
		// failures grows the stack, and the HTTP client's threads only move bytes.
		answer.whenCompleteAsync((result, failure) -> completed(sent, index, start, result, failure), this::execute);
	}

	private void completed(long sent, long index, long start, ConsulApi.HealthAnswer answer, Throwable failure) {
		try {
			synchronized (this) {
				if (sent != this.generation) {
					// A resync sent a newer query; this answer is outdated.
					return;
				}
				this.inFlight = null;
			}
			if (!this.running) {
				return;
			}
			if (failure != null) {
				failed(unwrap(failure));
				return;
			}
			this.known.answered(answer, index);
			this.failures = 0;
			if (index > 0 && answer.index() == index
					&& System.nanoTime() - start < this.settings.getMinBackoff().toNanos()) {
				// A blocking query that returns at once with the same index would spin.
				schedule(this.settings.getMinBackoff());
			}
			else {
				execute(this::query);
			}
		}
		catch (Throwable ex) {
			// An answer that could not be handled (a listener that threw, an Error):
			// the watch goes on as after a failed query.
			failed(ex);
		}
		finally {
			this.firstAnswer.countDown();
		}
	}

	private void failed(Throwable ex) {
		if (!this.running) {
			return;
		}
		if (ex instanceof CancellationException || (ex instanceof ConsulCallException call && call.isInterrupted())) {
			execute(this::query);
			return;
		}
		this.failures++;
		try {
			this.known.failed(ex, this.failures);
		}
		finally {
			schedule(this.backoff.delay(this.failures));
		}
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	/**
	 * Drop the blocking query in flight and ask again without an index: for when the
	 * agent is known to have restarted without its data, whose index started again below
	 * the watch's (Consul would otherwise hold the query for its whole wait).
	 */
	void resync() {
		CompletableFuture<ConsulApi.HealthAnswer> dropped;
		synchronized (this) {
			this.resync = true;
			dropped = this.inFlight;
			if (dropped == null) {
				// Between queries: the next one is sent without an index.
				return;
			}
			this.inFlight = null;
			this.generation++;
		}
		dropped.cancel(true);
		execute(this::query);
	}

	private void schedule(Duration wait) {
		try {
			this.scheduler.schedule(this::query, wait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Shut down: the watch ends.
			this.running = false;
		}
	}

	private void execute(Runnable task) {
		try {
			this.scheduler.execute(task);
		}
		catch (RejectedExecutionException ex) {
			this.running = false;
		}
	}

	/**
	 * Return whether the watch still sends queries: false once stopped (released, or its
	 * executor shut down).
	 */
	public boolean isRunning() {
		return this.running;
	}

	void stop() {
		this.running = false;
		CompletableFuture<ConsulApi.HealthAnswer> query;
		synchronized (this) {
			query = this.inFlight;
			this.inFlight = null;
		}
		if (query != null) {
			query.cancel(true);
		}
	}

	ConsulWatchStatus status() {
		return this.known.status();
	}

}
