package io.datapunk.mesh.internal.discovery.consul;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.datapunk.mesh.internal.support.BackgroundRetry;
import io.datapunk.mesh.internal.support.Backoff;
import io.datapunk.mesh.internal.support.MeshThreads;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Registers this application with the Consul agent and keeps it registered: a failed
 * registration is tried again in the background with a growing wait, the agent is asked
 * at an interval whether it still holds the registration (an agent restarted without its
 * data loses it) and is given it again if not, and a TTL check is kept passing. Nothing
 * here ever throws at its caller, so Consul being down cannot stop the application.
 * Thread-safe: all work runs on one scheduler thread.
 */
public final class ConsulRegistrar {

	private static final Log logger = LogFactory.getLog(ConsulRegistrar.class);

	private final ConsulApi api;

	private final RegistrationConfig settings;

	private final ConsulRegistrationState state;

	private final Runnable onRegistrationLost;

	private final ScheduledExecutorService scheduler = MeshThreads.scheduler("consul-registration", 1);

	/** Registers until the agent accepts, on the scheduler's thread. */
	private final BackgroundRetry registering;

	private volatile Registration registration;

	private ScheduledFuture<?> verification;

	private ScheduledFuture<?> heartbeat;

	public ConsulRegistrar(ConsulApi api, RegistrationConfig settings, ConsulRegistrationState state,
			Runnable onRegistrationLost) {
		this.api = api;
		this.settings = settings;
		this.state = state;
		this.onRegistrationLost = onRegistrationLost;
		this.registering = new BackgroundRetry(this.scheduler,
				new Backoff(settings.getMinBackoff(), settings.getMaxBackoff()), this::attempt, this::attemptFailed);
	}

	/**
	 * Register in the background, now and until the agent accepts it.
	 * @param registration what to register
	 */
	public void register(Registration registration) {
		this.scheduler.execute(() -> {
			cancelTasks();
			this.registration = registration;
			this.state.pending(registration.serviceId(), registration.instanceId(), null);
			this.registering.restart();
		});
	}

	private void attempt() {
		Registration registration = this.registration;
		if (registration == null) {
			return;
		}
		this.api.register(registration.json());
		this.state.registered(registration.serviceId(), registration.instanceId());
		logger.info("Registered '" + registration.instanceId() + "' of service '" + registration.serviceId()
				+ "' with Consul");
		startKeepingRegistered(registration);
	}

	private void attemptFailed(int failures, Exception ex, Duration wait) {
		Registration registration = this.registration;
		if (registration == null) {
			return;
		}
		this.state.pending(registration.serviceId(), registration.instanceId(), ex.getMessage());
		if (failures == 1 || failures % 10 == 0) {
			logger.warn("Could not register '" + registration.instanceId() + "' with Consul (attempt " + failures
					+ "), trying again in the background: " + ex.getMessage());
		}
	}

	private void startKeepingRegistered(Registration registration) {
		long interval = this.settings.getCheckInterval().toMillis();
		if (this.verification == null) {
			this.verification = this.scheduler.scheduleWithFixedDelay(this::verify, interval, interval,
					TimeUnit.MILLISECONDS);
		}
		if (registration.ttlCheckId() != null && this.heartbeat == null) {
			long every = registration.heartbeatInterval().toMillis();
			this.heartbeat = this.scheduler.scheduleWithFixedDelay(this::passTtl, 0, every, TimeUnit.MILLISECONDS);
		}
	}

	private void verify() {
		Registration registration = this.registration;
		if (registration == null || this.registering.isPending()) {
			return;
		}
		try {
			if (!this.api.isRegistered(registration.instanceId())) {
				logger.warn("Consul lost the registration of '" + registration.instanceId() + "'; registering again");
				this.state.pending(registration.serviceId(), registration.instanceId(),
						"the agent lost the registration");
				// An agent that lost its data started its index again: watches must not
				// block on theirs.
				this.onRegistrationLost.run();
				this.registering.restart();
			}
		}
		catch (RuntimeException ex) {
			// Consul is unreachable: whether it still holds the registration is unknown.
			// Registering again would reset its check to critical, so wait for an answer.
			logger.debug("Could not verify the registration in Consul: " + ex.getMessage());
		}
	}

	private void passTtl() {
		Registration registration = this.registration;
		if (registration == null) {
			return;
		}
		try {
			this.api.passTtlCheck(registration.ttlCheckId());
		}
		catch (RuntimeException ex) {
			logger.debug("Could not pass the TTL check in Consul: " + ex.getMessage());
		}
	}

	/**
	 * Remove the registration, waiting a bounded time for the agent's answer.
	 */
	public void deregister() {
		try {
			this.scheduler.submit(() -> {
				cancelTasks();
				Registration registration = this.registration;
				this.registration = null;
				if (registration == null) {
					return;
				}
				boolean wasRegistered = this.state.current().status() == ConsulRegistrationState.Status.REGISTERED;
				this.state.deregistered();
				if (!wasRegistered) {
					return;
				}
				try {
					this.api.deregister(registration.instanceId());
					logger.info("Deregistered '" + registration.instanceId() + "' from Consul");
				}
				catch (RuntimeException ex) {
					logger.warn("Could not deregister '" + registration.instanceId()
							+ "' from Consul; it will be removed once its check is critical for long enough: "
							+ ex.getMessage());
				}
			}).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			logger.warn("Deregistration from Consul did not finish: " + ex);
		}
	}

	private void cancelTasks() {
		this.registering.cancel();
		for (ScheduledFuture<?> task : new ScheduledFuture<?>[] { this.verification, this.heartbeat }) {
			if (task != null) {
				task.cancel(false);
			}
		}
		this.verification = null;
		this.heartbeat = null;
	}

	public void close() {
		this.registering.stop();
		MeshThreads.shutdown(this.scheduler);
	}

	/**
	 * One registration.
	 *
	 * @param serviceId the service name
	 * @param instanceId the instance id, unique per instance
	 * @param json the body of {@code /v1/agent/service/register}
	 * @param ttlCheckId the id of the TTL check to keep passing, or {@code null}
	 * @param heartbeatInterval how often to pass the TTL check
	 */
	public record Registration(String serviceId, String instanceId, String json, String ttlCheckId,
			Duration heartbeatInterval) {

		@Override
		public String toString() {
			return "Registration[" + this.instanceId + " of " + this.serviceId + "]";
		}

	}

}
