package io.datapunk.mesh.internal.discovery.consul;

import java.time.Clock;
import java.time.Instant;

/**
 * Where this application's registration in Consul stands, for the status endpoint:
 * {@link Status#NOT_REGISTERED} until spring-cloud-consul asks to register,
 * {@link Status#PENDING} (with the last error) until the agent accepted it,
 * {@link Status#REGISTERED}, then {@link Status#DEREGISTERED} at shutdown. Thread-safe:
 * readers get one consistent {@link Snapshot}.
 *
 * @since 0.1.0
 */
public class ConsulRegistrationState {

	private final Clock clock;

	private volatile Snapshot snapshot;

	public ConsulRegistrationState(Clock clock) {
		this.clock = clock;
		this.snapshot = new Snapshot(Status.NOT_REGISTERED, null, null, null, clock.instant());
	}

	/**
	 * Return the current state.
	 * @return the state
	 */
	public Snapshot current() {
		return this.snapshot;
	}

	void pending(String serviceId, String instanceId, String error) {
		this.snapshot = new Snapshot(Status.PENDING, serviceId, instanceId, error,
				(this.snapshot.status == Status.PENDING) ? this.snapshot.since : this.clock.instant());
	}

	void registered(String serviceId, String instanceId) {
		this.snapshot = new Snapshot(Status.REGISTERED, serviceId, instanceId, null, this.clock.instant());
	}

	void deregistered() {
		Snapshot previous = this.snapshot;
		this.snapshot = new Snapshot(Status.DEREGISTERED, previous.serviceId, previous.instanceId, previous.lastError,
				this.clock.instant());
	}

	/**
	 * Registration states.
	 */
	public enum Status {

		/**
		 * Nothing asked to register yet: the web server is not up, there is none, or
		 * {@code spring.cloud.consul.discovery.register} is {@code false}.
		 */
		NOT_REGISTERED,

		/**
		 * Being registered: Consul refused or did not answer, and the registration is
		 * being tried again in the background.
		 */
		PENDING,

		/**
		 * The agent accepted the registration.
		 */
		REGISTERED,

		/**
		 * The registration was removed at shutdown.
		 */
		DEREGISTERED

	}

	/**
	 * The state at one moment.
	 *
	 * @param status the status
	 * @param serviceId the registered service name, {@code null} before a first attempt
	 * @param instanceId the registered instance id, {@code null} before a first attempt
	 * @param lastError the last failure to register, {@code null} if none since the
	 * registration was accepted
	 * @param since when the status began
	 */
	public record Snapshot(Status status, String serviceId, String instanceId, String lastError, Instant since) {

	}

}
