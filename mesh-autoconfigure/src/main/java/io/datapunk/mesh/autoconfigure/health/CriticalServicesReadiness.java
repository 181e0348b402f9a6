package io.datapunk.mesh.autoconfigure.health;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.datapunk.mesh.internal.support.MeshThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import io.datapunk.mesh.internal.health.MeshServices;
import io.datapunk.mesh.internal.health.ServiceState;

/**
 * Makes the application's readiness follow its critical services: while one of the
 * services marked {@code mesh.services.<name>.critical} is down, the readiness state is
 * {@link ReadinessState#REFUSING_TRAFFIC}, so that {@code /actuator/health/readiness} and
 * a Kubernetes readiness probe take the instance out of rotation. It gives readiness back
 * only if it took it: a refusal of the application's own (during shutdown, say) is left
 * alone. The services are checked once a second on a mesh thread
 * ({@code mesh-readiness-1}, {@link MeshThreads}), which ends when the context closes;
 * changes are logged once when they happen. Without critical services it does nothing.
 *
 * @since 0.1.0
 */
public class CriticalServicesReadiness implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(CriticalServicesReadiness.class);

	private final MeshServices services;

	private final ApplicationAvailability availability;

	private final ApplicationEventPublisher publisher;

	private final Duration interval;

	private ScheduledExecutorService scheduler;

	/**
	 * Create the monitor.
	 * @param services the services, some of them critical
	 * @param availability the application's availability
	 * @param publisher where readiness changes are published
	 * @param interval how often the critical services are checked
	 */
	public CriticalServicesReadiness(MeshServices services, ApplicationAvailability availability,
			ApplicationEventPublisher publisher, Duration interval) {
		this.services = services;
		this.availability = availability;
		this.publisher = publisher;
		this.interval = interval;
	}

	/**
	 * Check the critical services now, and change readiness if needed.
	 */
	public void check() {
		List<ServiceState> down = this.services.criticalStates().stream().filter(ServiceState::isDown).toList();
		ReadinessState current = this.availability.getReadinessState();
		if (!down.isEmpty() && current == ReadinessState.ACCEPTING_TRAFFIC) {
			logger.warn("Critical service(s) down, refusing traffic until they recover: " + describe(down));
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		}
		else if (down.isEmpty() && current == ReadinessState.REFUSING_TRAFFIC && refusedByThis()) {
			logger.info("Critical services available again, accepting traffic");
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	private boolean refusedByThis() {
		AvailabilityChangeEvent<ReadinessState> last = this.availability.getLastChangeEvent(ReadinessState.class);
		return last != null && last.getSource() == this;
	}

	private static String describe(List<ServiceState> down) {
		StringBuilder description = new StringBuilder();
		for (ServiceState state : down) {
			description.append((description.length() > 0) ? "; " : "")
				.append(state.serviceId())
				.append(" (")
				.append(state.available())
				.append(" of ")
				.append(state.instances())
				.append(" instances available, circuit breaker ")
				.append(state.breakerState())
				.append(')');
		}
		return description.toString();
	}

	@Override
	public synchronized void start() {
		// Without critical services there is nothing to watch, and no thread is started.
		if (this.scheduler == null && this.services.hasCriticalServices()) {
			this.scheduler = MeshThreads.scheduler("readiness", 1);
			long millis = this.interval.toMillis();
			this.scheduler.scheduleWithFixedDelay(this::checkSafely, millis, millis, TimeUnit.MILLISECONDS);
		}
	}

	private void checkSafely() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			logger.warn("Checking the critical services failed: " + ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			MeshThreads.shutdown(this.scheduler);
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
