package io.datapunk.mesh.internal.discovery.consul;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;

/**
 * What the watch of one service knows of it ({@link WatchedList}), and the turns of that
 * knowledge: each answer or failure of a query is taken here, the listener told of a
 * changed list, and a failure or a recovery logged once. Readers get the state in one
 * volatile read; only the watch's chain of queries (one at a time) writes it.
 */
final class WatchedInstances {

	private static final Log logger = LogFactory.getLog(ServiceWatch.class);

	private final String serviceId;

	private final Clock clock;

	/** Told of each new list, with the list itself. */
	private final BiConsumer<String, List<ServiceInstance>> onChange;

	private volatile WatchedList state = WatchedList.NONE;

	WatchedInstances(String serviceId, Clock clock, BiConsumer<String, List<ServiceInstance>> onChange) {
		this.serviceId = serviceId;
		this.clock = clock;
		this.onChange = onChange;
	}

	WatchedList state() {
		return this.state;
	}

	Duration staleFor(long quietLimitNanos) {
		return this.state.staleFor(System.nanoTime(), quietLimitNanos);
	}

	ConsulWatchStatus status() {
		return this.state.status(this.serviceId, this.clock.instant());
	}

	void answered(ConsulApi.HealthAnswer answer, long sentIndex) {
		WatchedList previous = this.state;
		this.state = previous.answered(answer, sentIndex, this.clock.instant(), System.nanoTime());
		List<ServiceInstance> instances = this.state.instances();
		boolean changed = instances != previous.instances();
		if (!previous.fresh() && previous.error() != null) {
			logger.info("Consul watch of '" + this.serviceId + "' answered again; its list is fresh");
		}
		// A first answer is no change: publishing it would make every application
		// instance drop its cached list of this service at each start of this one.
		if (changed && previous.lastAnswer() != null) {
			if (logger.isDebugEnabled()) {
				logger.debug("Passing instances of '" + this.serviceId + "' changed: " + instances.size() + " now");
			}
			this.onChange.accept(this.serviceId, instances);
		}
	}

	void failed(Throwable ex, int failures) {
		WatchedList previous = this.state;
		String error = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
		this.state = previous.failed(error, System.nanoTime());
		if (failures == 1) {
			logger.warn("Consul watch of '" + this.serviceId + "' failed; serving the last known "
					+ previous.instances().size() + " instances as stale until Consul answers: " + error);
		}
	}

}
