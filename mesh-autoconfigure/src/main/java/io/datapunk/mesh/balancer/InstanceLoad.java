package io.datapunk.mesh.balancer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the mesh knows of the load on one instance: requests in flight and a
 * peak-sensitive moving average of its latency, in the manner of Finagle's Peak EWMA. A
 * slower answer raises the average at once; faster answers lower it gradually, with a
 * time constant set by {@link InstanceLoads} (10 s by default). With no answers, the
 * average also decays toward zero, so an instance that was slow gets tried again after a
 * while. Thread-safe: in-flight counting is lock-free; an observation takes this object's
 * lock for a few arithmetic operations.
 *
 * @since 0.1.0
 */
public final class InstanceLoad {

	private final long decayNanos;

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile double averageNanos;

	private volatile long observedAtNanos;

	private volatile boolean observed;

	InstanceLoad(long decayNanos) {
		this.decayNanos = decayNanos;
	}

	/**
	 * Record that a request to this instance starts.
	 * @return the start time, to pass to {@link #end(long, boolean)}
	 */
	public long begin() {
		this.inFlight.incrementAndGet();
		return System.nanoTime();
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
		double current = decayed(now);
		double sample = failed ? Math.max(latencyNanos, current) : latencyNanos;
		if (!this.observed || sample > current) {
			// Peak sensitivity: a slower answer is believed at once.
			this.averageNanos = sample;
		}
		else {
			double weight = Math.exp(-(now - this.observedAtNanos) / (double) this.decayNanos);
			this.averageNanos = current * weight + sample * (1 - weight);
		}
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
	 * @return the average in nanoseconds, 0 before any answer
	 */
	public double averageNanos() {
		return this.observed ? decayed(System.nanoTime()) : 0;
	}

	/**
	 * Return whether any answer was observed yet.
	 * @return {@code true} once an answer came
	 */
	public boolean hasObservations() {
		return this.observed;
	}

	/**
	 * Return the cost of sending one more request here: the latency average times the
	 * requests in flight plus one. An instance with no answers yet costs 0, so it is
	 * tried.
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
