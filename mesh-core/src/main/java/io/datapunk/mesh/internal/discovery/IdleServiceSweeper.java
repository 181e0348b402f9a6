package io.datapunk.mesh.internal.discovery;

import io.datapunk.mesh.internal.support.MeshThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link IdleServices#sweep} on one named daemon thread ({@code mesh-idle-sweeper}),
 * a quarter of the idle timeout apart (at most a minute), from the context's start to its
 * stop: a service is released at most a quarter later than its idle timeout. Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class IdleServiceSweeper implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(IdleServiceSweeper.class);

	private static final Duration MAX_PERIOD = Duration.ofMinutes(1);

	private final IdleServices services;

	private final Supplier<List<ServiceStateHolder>> holders;

	private volatile ScheduledThreadPoolExecutor scheduler;

	/**
	 * Create the sweeper.
	 * @param services the tracker
	 * @param holders what keeps state per service, asked for at start: beans of other
	 * auto-configurations
	 */
	public IdleServiceSweeper(IdleServices services, Supplier<List<ServiceStateHolder>> holders) {
		this.services = services;
		this.holders = holders;
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		List<ServiceStateHolder> found = List.copyOf(this.holders.get());
		ScheduledThreadPoolExecutor scheduler = MeshThreads.scheduler("idle-sweeper", 1);
		long period = period(this.services.idleTimeout()).toNanos();
		scheduler.scheduleWithFixedDelay(() -> sweep(found), period, period, TimeUnit.NANOSECONDS);
		this.scheduler = scheduler;
	}

	private void sweep(List<ServiceStateHolder> holders) {
		try {
			this.services.sweep(holders);
		}
		catch (RuntimeException ex) {
			// A failed sweep must not end the schedule.
			logger.warn("Releasing idle services failed", ex);
		}
	}

	static Duration period(Duration idleTimeout) {
		Duration quarter = idleTimeout.dividedBy(4);
		return (quarter.compareTo(MAX_PERIOD) > 0) ? MAX_PERIOD : quarter;
	}

	@Override
	public synchronized void stop() {
		ScheduledThreadPoolExecutor scheduler = this.scheduler;
		if (scheduler != null) {
			MeshThreads.shutdown(scheduler);
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
