package io.datapunk.mesh.discovery.consul;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The watch of one service: a loop of blocking queries for its passing instances, run on
 * its own thread, that keeps the last answer. Readers get the last list without waiting
 * or locking (one volatile read); when a query fails the list is kept, marked stale, and
 * the loop tries again after a growing wait.
 *
 * <p>
 * Consul's rules for blocking queries are followed: an index that goes backwards resets
 * the watch to index 0, and an index below 1 is never sent.
 */
final class ServiceWatch implements Runnable {

	private static final Log logger = LogFactory.getLog(ServiceWatch.class);

	private final String serviceId;

	private final ConsulApi api;

	private final MeshConsulProperties.Watch settings;

	private final Clock clock;

	private final Consumer<String> onChange;

	private final CountDownLatch firstAnswer = new CountDownLatch(1);

	private volatile State state = new State(List.of(), 0, false, null, null);

	private volatile boolean running = true;

	private volatile Thread thread;

	/** Whether the next query must be sent without an index; guarded by this. */
	private boolean resync;

	/**
	 * Whether a query is in flight, so that an interrupt reaches only it; guarded by
	 * this.
	 */
	private boolean querying;

	ServiceWatch(String serviceId, ConsulApi api, MeshConsulProperties.Watch settings, Clock clock,
			Consumer<String> onChange) {
		this.serviceId = serviceId;
		this.api = api;
		this.settings = settings;
		this.clock = clock;
		this.onChange = onChange;
	}

	/**
	 * Tell whether Consul ever answered this watch.
	 */
	boolean hasAnswered() {
		return this.state.lastAnswer != null;
	}

	/**
	 * Return the last failure, {@code null} after a successful answer.
	 */
	String lastError() {
		return this.state.error;
	}

	List<ServiceInstance> instances() {
		return this.state.instances;
	}

	/**
	 * Wait, at most the given time, until the first query has been answered or has
	 * failed.
	 * @param timeout longest wait
	 */
	void awaitFirstAnswer(Duration timeout) {
		try {
			this.firstAnswer.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void run() {
		this.thread = Thread.currentThread();
		int failures = 0;
		while (this.running) {
			try {
				long index;
				synchronized (this) {
					State state = this.state;
					// After a failure or a resync, ask at once rather than block: the
					// list
					// is fresh again as soon as Consul answers.
					index = (state.fresh && !this.resync) ? state.index : 0;
					this.resync = false;
					this.querying = true;
				}
				long start = System.nanoTime();
				ConsulApi.HealthAnswer answer;
				try {
					answer = this.api.passingInstances(this.serviceId, index, this.settings.getWait());
				}
				finally {
					synchronized (this) {
						this.querying = false;
					}
					// A resync's interrupt is meant for the query only.
					Thread.interrupted();
				}
				accept(answer, index);
				failures = 0;
				if (index > 0 && answer.index() == index
						&& System.nanoTime() - start < this.settings.getMinBackoff().toNanos()) {
					// A blocking query that returns at once with the same index would
					// spin.
					sleep(this.settings.getMinBackoff());
				}
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				if (ex instanceof ConsulCallException call && call.isInterrupted()) {
					continue;
				}
				failures++;
				fail(ex, failures);
				sleep(Backoffs.next(failures, this.settings.getMinBackoff(), this.settings.getMaxBackoff()));
			}
			finally {
				this.firstAnswer.countDown();
			}
		}
	}

	/**
	 * Drop the blocking query in flight and ask again without an index: for when the
	 * agent is known to have restarted without its data, whose index started again below
	 * the watch's (Consul would otherwise hold the query for its whole wait).
	 */
	synchronized void resync() {
		this.resync = true;
		Thread thread = this.thread;
		if (this.querying && thread != null) {
			thread.interrupt();
		}
	}

	private void accept(ConsulApi.HealthAnswer answer, long sentIndex) {
		State previous = this.state;
		long index = answer.index();
		// Consul: an index that went backwards (agent restart, snapshot restore) resets
		// the watch; an index below 1 must not be sent back.
		long next = (index < sentIndex) ? 0 : Math.max(index, 1);
		boolean changed = !sameInstances(previous.instances, answer.instances());
		List<ServiceInstance> instances = changed ? answer.instances() : previous.instances;
		this.state = new State(instances, next, true, this.clock.instant(), null);
		if (!previous.fresh && previous.error != null) {
			logger.info("Consul watch of '" + this.serviceId + "' answered again; its list is fresh");
		}
		// A first answer is no change: publishing it would make every application
		// instance drop its cached list of this service at each start of this one.
		if (changed && previous.lastAnswer != null) {
			if (logger.isDebugEnabled()) {
				logger.debug("Passing instances of '" + this.serviceId + "' changed: " + instances.size() + " now");
			}
			this.onChange.accept(this.serviceId);
		}
	}

	private void fail(RuntimeException ex, int failures) {
		State previous = this.state;
		this.state = new State(previous.instances, previous.index, false, previous.lastAnswer, ex.getMessage());
		if (failures == 1) {
			logger.warn("Consul watch of '" + this.serviceId + "' failed; serving the last known "
					+ previous.instances.size() + " instances as stale until Consul answers: " + ex.getMessage());
		}
	}

	private static boolean sameInstances(List<ServiceInstance> a, List<ServiceInstance> b) {
		if (a.size() != b.size()) {
			return false;
		}
		for (int i = 0; i < a.size(); i++) {
			ServiceInstance x = a.get(i);
			ServiceInstance y = b.get(i);
			if (!Objects.equals(x.getInstanceId(), y.getInstanceId()) || !Objects.equals(x.getHost(), y.getHost())
					|| x.getPort() != y.getPort() || x.isSecure() != y.isSecure()
					|| !Objects.equals(x.getMetadata(), y.getMetadata())) {
				return false;
			}
		}
		return true;
	}

	private void sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	void stop() {
		this.running = false;
		Thread thread = this.thread;
		if (thread != null) {
			thread.interrupt();
		}
	}

	ConsulWatchStatus status() {
		State state = this.state;
		Duration age = (state.lastAnswer != null) ? Duration.between(state.lastAnswer, this.clock.instant()) : null;
		return new ConsulWatchStatus(this.serviceId, state.fresh, state.lastAnswer, age, state.index,
				state.instances.size(), state.error);
	}

	private record State(List<ServiceInstance> instances, long index, boolean fresh, Instant lastAnswer, String error) {

	}

}
