package io.datapunk.mesh.autoconfigure.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the mesh client, bound from {@code mesh.*}: {@code mesh.defaults}
 * applies to every called service and {@code mesh.services.<name>} overrides it for one.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("mesh")
@Validated
public class MeshProperties {

	/**
	 * Whether the mesh client is enabled.
	 */
	private boolean enabled = true;

	/**
	 * Name of this application in the mesh. Defaults to spring.application.name.
	 */
	@ValidServiceName
	private String serviceName;

	/**
	 * Zone this application runs in; when set, calls prefer instances whose zone metadata
	 * is the same, and go to other zones only when none is available.
	 */
	@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
			message = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
	private String zone;

	/**
	 * Version label of this mesh configuration, reported by the mesh endpoint.
	 */
	@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._+:-]{0,63}",
			message = "must be 1 to 64 letters, digits, '.', '_', '+', ':' or '-', starting with a letter or digit")
	private String configVersion;

	/**
	 * Settings for every called service, unless the service overrides them.
	 */
	@Valid
	private final Defaults defaults = new Defaults();

	/**
	 * Time after its last call at which the state kept for a service (breaker, meters,
	 * outlier and budget state, cached list, discovery watch) is released; services under
	 * mesh.services keep theirs. Between 1s and 7d.
	 */
	// Its range (1s to 7d) is checked by MeshSettings, which names both ends.
	@NotNull
	private Duration idleServiceTimeout = Duration.ofMinutes(10);

	/**
	 * Propagation of call deadlines between applications.
	 */
	private final DeadlinePropagation deadlinePropagation = new DeadlinePropagation();

	/**
	 * Per-service settings, keyed by service name.
	 */
	private final Map<@ValidServiceName String, @Valid Service> services = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getServiceName() {
		return this.serviceName;
	}

	public void setServiceName(String serviceName) {
		this.serviceName = serviceName;
	}

	public String getZone() {
		return this.zone;
	}

	public void setZone(String zone) {
		this.zone = zone;
	}

	public String getConfigVersion() {
		return this.configVersion;
	}

	public void setConfigVersion(String configVersion) {
		this.configVersion = configVersion;
	}

	public Duration getIdleServiceTimeout() {
		return this.idleServiceTimeout;
	}

	public void setIdleServiceTimeout(Duration idleServiceTimeout) {
		this.idleServiceTimeout = idleServiceTimeout;
	}

	public Defaults getDefaults() {
		return this.defaults;
	}

	public Map<String, Service> getServices() {
		return this.services;
	}

	public DeadlinePropagation getDeadlinePropagation() {
		return this.deadlinePropagation;
	}

	/**
	 * Settings for every called service.
	 */
	public static class Defaults extends CallPolicyProperties {

		/**
		 * Time allowed to open a connection to an instance.
		 */
		@NotNull
		@PositiveDuration
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * Time allowed for an instance to start answering one attempt.
		 */
		@NotNull
		@PositiveDuration
		private Duration readTimeout = Duration.ofSeconds(10);

		/**
		 * Time allowed for a whole call, all attempts and backoffs included; also the
		 * most a caller's propagated deadline is trusted for.
		 */
		@NotNull
		@PositiveDuration
		private Duration timeout = Duration.ofSeconds(10);

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Settings for one called service; an unset value inherits from mesh.defaults.
	 */
	public static class Service extends CallPolicyProperties {

		/**
		 * Comma-separated list of static instance addresses (http://host:port or
		 * https://host:port) of this service.
		 */
		private List<@InstanceUri URI> instances = new ArrayList<>();

		/**
		 * Time allowed to open a connection to an instance. Overrides
		 * mesh.defaults.connect-timeout.
		 */
		@PositiveDuration
		private Duration connectTimeout;

		/**
		 * Time allowed for an instance to start answering one attempt. Overrides
		 * mesh.defaults.read-timeout.
		 */
		@PositiveDuration
		private Duration readTimeout;

		/**
		 * Time allowed for a whole call, all attempts and backoffs included. Overrides
		 * mesh.defaults.timeout.
		 */
		@PositiveDuration
		private Duration timeout;

		/**
		 * Whether this application cannot serve without this service: while none of its
		 * instances is available or its circuit breaker is open, the application reports
		 * itself not ready (readiness state REFUSING_TRAFFIC).
		 */
		private boolean critical;

		public List<URI> getInstances() {
			return this.instances;
		}

		public void setInstances(List<URI> instances) {
			this.instances = instances;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public boolean isCritical() {
			return this.critical;
		}

		public void setCritical(boolean critical) {
			this.critical = critical;
		}

	}

	/**
	 * Propagation of call deadlines between applications.
	 */
	public static class DeadlinePropagation {

		/**
		 * Whether calls send their remaining time in the Mesh-Timeout header, and whether
		 * an incoming Mesh-Timeout bounds the calls made while serving that request.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
