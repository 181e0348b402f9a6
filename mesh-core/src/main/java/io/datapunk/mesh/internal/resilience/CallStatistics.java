package io.datapunk.mesh.internal.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running counts of what the calls to one service cost beyond their first attempt:
 * requeues and retries by reason, and calls refused a retry because the budget was spent.
 * Read by the metrics and the status endpoint; the counts only grow.
 * <p>
 * Thread-safe and cheap to count: a {@link LongAdder} per reason, created on the reason's
 * first use.
 *
 * @since 0.1.0
 */
public final class CallStatistics {

	private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> requeues = new ConcurrentHashMap<>();

	private final LongAdder budgetExhausted = new LongAdder();

	private volatile CounterListener listener;

	/**
	 * Count a retry: a failed attempt that reached a server, sent again.
	 * @param reason why, a short lowercase word such as {@code status-503} or
	 * {@code io-error}, from a small fixed set (it becomes a metric tag)
	 */
	public void retried(String reason) {
		adder(this.retries, reason).increment();
	}

	/**
	 * Count a requeue: an attempt that never reached a server, sent elsewhere.
	 * @param reason why, such as {@code connect-refused}, from a small fixed set
	 */
	public void requeued(String reason) {
		adder(this.requeues, reason).increment();
	}

	/**
	 * Count a call that failed because the retry budget allowed no more retries.
	 */
	public void budgetExhausted() {
		this.budgetExhausted.increment();
	}

	/**
	 * Return the retries so far by reason.
	 * @return a live view: reason to counter
	 */
	public Map<String, LongAdder> retries() {
		return this.retries;
	}

	/**
	 * Return the requeues so far by reason.
	 * @return a live view: reason to counter
	 */
	public Map<String, LongAdder> requeues() {
		return this.requeues;
	}

	/**
	 * Return how many calls failed on a spent retry budget.
	 * @return the count so far
	 */
	public long budgetExhaustedCount() {
		return this.budgetExhausted.sum();
	}

	/**
	 * Return the sum of a view's counters.
	 * @param counts {@link #retries()} or {@link #requeues()}
	 * @return the total
	 */
	public static long total(Map<String, LongAdder> counts) {
		long total = 0;
		for (LongAdder count : counts.values()) {
			total += count.sum();
		}
		return total;
	}

	/**
	 * Tell a listener of every counter now present and of each one created later, such as
	 * a retry reason seen for the first time.
	 * @param listener the listener; replaces an earlier one
	 */
	public void listen(CounterListener listener) {
		this.listener = listener;
		this.retries.forEach((reason, count) -> listener.counterCreated(Kind.RETRY, reason, count));
		this.requeues.forEach((reason, count) -> listener.counterCreated(Kind.REQUEUE, reason, count));
	}

	private LongAdder adder(Map<String, LongAdder> counts, String reason) {
		LongAdder adder = counts.get(reason);
		if (adder != null) {
			return adder;
		}
		LongAdder created = new LongAdder();
		LongAdder raced = counts.putIfAbsent(reason, created);
		if (raced != null) {
			return raced;
		}
		CounterListener listener = this.listener;
		if (listener != null) {
			listener.counterCreated((counts == this.retries) ? Kind.RETRY : Kind.REQUEUE, reason, created);
		}
		return created;
	}

	/**
	 * What a counter counts.
	 */
	public enum Kind {

		/** Retries: failed attempts that reached a server, sent again. */
		RETRY,

		/** Requeues: attempts that never reached a server, sent elsewhere. */
		REQUEUE

	}

	/**
	 * Hears of counters as they are created.
	 */
	@FunctionalInterface
	public interface CounterListener {

		/**
		 * Called once per counter.
		 * @param kind what it counts
		 * @param reason the reason it counts
		 * @param count the counter
		 */
		void counterCreated(Kind kind, String reason, LongAdder count);

	}

}
