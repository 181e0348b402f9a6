package io.datapunk.mesh.internal.discovery.consul;

import java.time.Duration;
import java.time.Instant;

/**
 * What one Consul watch knows of its service at a moment, for the status endpoint:
 * whether its list is fresh (the last query succeeded) or stale, how old it is, the last
 * error and the index of the last answer. Immutable.
 *
 * @since 0.1.0
 */
public final class ConsulWatchStatus {

	private final String serviceId;

	private final boolean fresh;

	private final Instant lastAnswer;

	private final Duration age;

	private final long index;

	private final int instances;

	private final String lastError;

	ConsulWatchStatus(String serviceId, boolean fresh, Instant lastAnswer, Duration age, long index, int instances,
			String lastError) {
		this.serviceId = serviceId;
		this.fresh = fresh;
		this.lastAnswer = lastAnswer;
		this.age = age;
		this.index = index;
		this.instances = instances;
		this.lastError = lastError;
	}

	/**
	 * Return the watched service.
	 * @return the service name
	 */
	public String getServiceId() {
		return this.serviceId;
	}

	/**
	 * Return whether the last query to Consul succeeded, so the list is current.
	 * @return {@code true} if fresh, {@code false} if stale or not answered yet
	 */
	public boolean isFresh() {
		return this.fresh;
	}

	/**
	 * Return when Consul last answered.
	 * @return the time, or {@code null} if it never did
	 */
	public Instant getLastAnswer() {
		return this.lastAnswer;
	}

	/**
	 * Return the age of the list: the time since Consul last answered.
	 * @return the age, or {@code null} if Consul never answered
	 */
	public Duration getAge() {
		return this.age;
	}

	/**
	 * Return the index of the last answer ({@code X-Consul-Index}).
	 * @return the index, {@code 0} before a first answer
	 */
	public long getIndex() {
		return this.index;
	}

	/**
	 * Return the number of passing instances in the list.
	 * @return the number of instances
	 */
	public int getInstances() {
		return this.instances;
	}

	/**
	 * Return the error of the last failed query, kept until a query succeeds.
	 * @return the error, or {@code null} if the last query succeeded
	 */
	public String getLastError() {
		return this.lastError;
	}

	@Override
	public String toString() {
		return "ConsulWatchStatus[" + this.serviceId + ", " + (this.fresh ? "fresh" : "stale") + ", age " + this.age
				+ ", index " + this.index + ", " + this.instances + " instances"
				+ ((this.lastError != null) ? ", last error: " + this.lastError : "") + "]";
	}

}
