package io.datapunk.mesh.internal.balancer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the mesh knows of the load on one instance: requests in flight and a
 * peak-sensitive moving average of its latency, in the manner of Finagle's Peak EWMA. The
 * average starts at the fastest of the first {@value #WARM_UP_ANSWERS} answers (the first
 * one opened the connection). A slower answer raises it at once when the one before was
 * slower too (a single pause is averaged in); faster answers lower it gradually, with a
 * time constant set by {@link InstanceLoads} (10 s by default). With no answers, the
 * average also decays toward zero, so an instance that was slow gets tried again after a
 * while. Thread-safe: in-flight counting is lock-free; an observation takes this object's
 * lock for a few arithmetic operations.
 *
 * @since 0.1.0
 */
public final class InstanceLoad {

	/**
	 * Answers whose fastest starts the average.
	 */
	static final int WARM_UP_ANSWERS = 3;

	private final long decayNanos;

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile double averageNanos;

	private volatile long observedAtNanos;

	private volatile boolean observed;

	private int warmUpAnswers;

	private long warmUpMinimumNanos;

	private boolean previousSlower;

	private volatile long begunAtNanos;

	private volatile boolean begun;

	InstanceLoad(long decayNanos) {
		this.decayNanos = decayNanos;
	}

	/**
	 * Record that a request to this instance starts.
	 * @return the start time, to pass to {@link #end(long, boolean)}
	 */
	public long begin() {
		this.inFlight.incrementAndGet();
		long now = System.nanoTime();
		this.begunAtNanos = now;
		this.begun = true;
		return now;
	}

	/**
	 * Return whether a request to this instance began less recently than one to another
	 * (or none ever did).
	 * @param other the other instance's load
	 * @return {@code true} if this one waited longer
	 */
	boolean begunBefore(InstanceLoad other) {
		if (!this.begun || !other.begun) {
			return !this.begun && other.begun;
		}
		return this.begunAtNanos - other.begunAtNanos < 0;
	}

	/**
	 * Record that a request ended: its answer (or failure) came.
	 * @param startNanos the value {@link #begin()} returned
	 * @param failed whether it failed; a failure counts as at least the current average,
	 * so an instance that fails fast never looks faster for it
	 */
	public void end(long startNanos, boolean failed) {
		long now = System.nanoTime();
		this.inFlight.decrementAndGet();
		observe(now, now - startNanos, failed);
	}

	/**
	 * Record that a request ended without saying anything of the instance (its caller
	 * gave up): it leaves the in-flight count and is not observed.
	 */
	public void abandon() {
		this.inFlight.decrementAndGet();
	}

	private synchronized void observe(long now, long latencyNanos, boolean failed) {
		if (!this.observed && !failed && this.warmUpAnswers < WARM_UP_ANSWERS) {
			// The first answer paid for opening the connection (and the first call of
			// all for warming the JVM), any early one may have met a pause: believed
			// as a peak, one of them would keep the instance away for tens of seconds
			// while the others answer in a fraction of it. The average starts at the
			// fastest of the first answers; until then the instance costs nothing.
			this.warmUpMinimumNanos = (this.warmUpAnswers == 0) ? latencyNanos
					: Math.min(this.warmUpMinimumNanos, latencyNanos);
			if (++this.warmUpAnswers < WARM_UP_ANSWERS) {
				return;
			}
			latencyNanos = this.warmUpMinimumNanos;
		}
		double current = decayed(now);
		double sample = failed ? Math.max(latencyNanos, current) : latencyNanos;
		boolean slower = sample > current;
		if (!this.observed || (slower && (failed || this.previousSlower))) {
			// Peak sensitivity: a slower answer is believed at once once it shows twice
			// in a row (a failure at once), so that one pause does not look like a slow
			// instance; a single slow answer is averaged in.
			this.averageNanos = sample;
		}
		else {
			double weight = Math.exp(-(now - this.observedAtNanos) / (double) this.decayNanos);
			this.averageNanos = current * weight + sample * (1 - weight);
		}
		this.previousSlower = slower && this.observed;
		this.observedAtNanos = now;
		this.observed = true;
	}

	private double decayed(long now) {
		long idle = now - this.observedAtNanos;
		return (idle <= 0) ? this.averageNanos : this.averageNanos * Math.exp(-idle / (double) this.decayNanos);
	}

	/**
	 * Return the requests in flight.
	 * @return the count
	 */
	public int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Return the latency average now, decayed for the time since the last answer.
	 * @return the average in nanoseconds: the fastest answer yet while the first answers
	 * come, 0 before any answer
	 */
	public synchronized double averageNanos() {
		if (!this.observed) {
			return (this.warmUpAnswers > 0) ? this.warmUpMinimumNanos : 0;
		}
		return decayed(System.nanoTime());
	}

	/**
	 * Return whether any answer was observed yet.
	 * @return {@code true} once an answer came
	 */
	public synchronized boolean hasObservations() {
		return this.observed || this.warmUpAnswers > 0;
	}

	/**
	 * Return the cost of sending one more request here: the latency average times the
	 * requests in flight plus one. An instance without its first answers yet costs 0, so
	 * it is tried.
	 * @return the cost
	 */
	public double cost() {
		return cost(System.nanoTime());
	}

	/**
	 * Return the cost of sending one more request here, at a given time.
	 * @param nowNanos the current {@link System#nanoTime()}, read once for many instances
	 * @return the cost
	 */
	public double cost(long nowNanos) {
		return this.observed ? decayed(nowNanos) * (inFlight() + 1) : 0;
	}

}
