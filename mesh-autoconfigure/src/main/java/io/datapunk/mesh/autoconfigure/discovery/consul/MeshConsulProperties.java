package io.datapunk.mesh.autoconfigure.discovery.consul;

import io.datapunk.mesh.internal.discovery.consul.RegistrationConfig;
import io.datapunk.mesh.internal.discovery.consul.WatchConfig;
import java.time.Duration;

import io.datapunk.mesh.autoconfigure.config.PositiveDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Mesh-specific settings of Consul discovery and registration, bound from
 * {@code mesh.discovery.consul}. Where Consul is and the ACL token come from
 * spring-cloud-consul's own {@code spring.cloud.consul.*} keys.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("mesh.discovery.consul")
@Validated
public class MeshConsulProperties {

	/**
	 * Whether the mesh watches called services in Consul and registers this application
	 * through its own resilient registry.
	 */
	private boolean enabled = true;

	/**
	 * Watches of called services.
	 */
	@Valid
	private final Watch watch = new Watch();

	/**
	 * Self-registration.
	 */
	@Valid
	private final Registration registration = new Registration();

	/**
	 * Circuit breaker in front of every call to Consul.
	 */
	@Valid
	private final Breaker breaker = new Breaker();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Watch getWatch() {
		return this.watch;
	}

	public Registration getRegistration() {
		return this.registration;
	}

	public Breaker getBreaker() {
		return this.breaker;
	}

	/**
	 * Watches of called services.
	 */
	public static class Watch implements WatchConfig {

		/**
		 * Longest time Consul holds one blocking query open when nothing changes.
		 */
		@PositiveDuration
		private Duration wait = Duration.ofSeconds(30);

		/**
		 * Longest time the first lookup of a service not watched yet waits for Consul's
		 * first answer; after it the lookup returns what is known (nothing) and the watch
		 * goes on in the background.
		 */
		@PositiveDuration
		private Duration firstAnswerTimeout = Duration.ofSeconds(1);

		/**
		 * Wait before a failed watch query is sent again; it doubles on each failure in a
		 * row, up to max-backoff.
		 */
		@PositiveDuration
		private Duration minBackoff = Duration.ofMillis(250);

		/**
		 * Longest wait between failed watch queries.
		 */
		@PositiveDuration
		private Duration maxBackoff = Duration.ofSeconds(10);

		public Duration getWait() {
			return this.wait;
		}

		public void setWait(Duration wait) {
			this.wait = wait;
		}

		public Duration getFirstAnswerTimeout() {
			return this.firstAnswerTimeout;
		}

		public void setFirstAnswerTimeout(Duration firstAnswerTimeout) {
			this.firstAnswerTimeout = firstAnswerTimeout;
		}

		public Duration getMinBackoff() {
			return this.minBackoff;
		}

		public void setMinBackoff(Duration minBackoff) {
			this.minBackoff = minBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

	/**
	 * Self-registration.
	 */
	public static class Registration implements RegistrationConfig {

		/**
		 * Wait before a failed registration is tried again; it doubles on each failure in
		 * a row, up to max-backoff.
		 */
		@PositiveDuration
		private Duration minBackoff = Duration.ofMillis(500);

		/**
		 * Longest wait between registration attempts.
		 */
		@PositiveDuration
		private Duration maxBackoff = Duration.ofSeconds(15);

		/**
		 * Interval at which the agent is asked whether it still holds this application's
		 * registration; a lost one (agent restart) is made again.
		 */
		@PositiveDuration
		private Duration checkInterval = Duration.ofSeconds(5);

		/**
		 * Time after which Consul removes this application's registration if its check
		 * stays critical, when
		 * spring.cloud.consul.discovery.health-check-critical-timeout is not set.
		 */
		@PositiveDuration
		private Duration deregisterCriticalAfter = Duration.ofMinutes(10);

		public Duration getMinBackoff() {
			return this.minBackoff;
		}

		public void setMinBackoff(Duration minBackoff) {
			this.minBackoff = minBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getCheckInterval() {
			return this.checkInterval;
		}

		public void setCheckInterval(Duration checkInterval) {
			this.checkInterval = checkInterval;
		}

		public Duration getDeregisterCriticalAfter() {
			return this.deregisterCriticalAfter;
		}

		public void setDeregisterCriticalAfter(Duration deregisterCriticalAfter) {
			this.deregisterCriticalAfter = deregisterCriticalAfter;
		}

	}

	/**
	 * Circuit breaker in front of every call to Consul.
	 */
	public static class Breaker {

		/**
		 * Failed calls in a row that open the breaker.
		 */
		@Min(value = 1, message = "must be at least 1")
		private int failureThreshold = 5;

		/**
		 * Time the breaker stays open before letting a probe call through.
		 */
		@PositiveDuration
		private Duration waitInOpenState = Duration.ofSeconds(2);

		public int getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public Duration getWaitInOpenState() {
			return this.waitInOpenState;
		}

		public void setWaitInOpenState(Duration waitInOpenState) {
			this.waitInOpenState = waitInOpenState;
		}

	}

}
