package io.datapunk.mesh.internal.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import io.datapunk.mesh.autoconfigure.config.SettingsRules;
import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.internal.config.Inherited;
import io.datapunk.mesh.autoconfigure.config.MeshProperties;
import io.datapunk.mesh.LoadBalancing;
import io.datapunk.mesh.InvalidServiceNameException;

/**
 * Resolved, immutable view of {@link MeshProperties}: this application's service name and
 * the effective {@link ServiceSettings} of every service. Thread-safe.
 *
 * @since 0.1.0
 */
public class MeshSettings {

	private final String serviceName;

	private final String configVersion;

	private final String zone;

	private final Map<String, ServiceSettings> services;

	private final MeshProperties.Defaults defaults;

	private final boolean deadlinePropagation;

	/** Settings a service without a mesh.services entry gets, as (defaults). */
	private final ServiceSettings defaultSettings;

	private final Set<String> criticalServices;

	/** Shortest and longest mesh.idle-service-timeout. */
	private static final Duration MIN_IDLE_SERVICE_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration MAX_IDLE_SERVICE_TIMEOUT = Duration.ofDays(7);

	private final Duration idleServiceTimeout;

	/**
	 * Settings of called services that have no mesh.services entry, resolved once and
	 * released with the service's other state when it is idle.
	 */
	private final Map<String, ServiceSettings> unconfigured = new ConcurrentHashMap<>();

	/**
	 * Resolve the settings.
	 * @param properties the bound properties
	 * @param applicationName the value of {@code spring.application.name}, used when
	 * {@code mesh.service-name} is not set; may be {@code null}
	 * @throws InvalidServiceNameException if a name does not follow the rule
	 */
	public MeshSettings(MeshProperties properties, String applicationName) {
		this.serviceName = resolveServiceName(properties.getServiceName(), applicationName);
		this.configVersion = properties.getConfigVersion();
		this.zone = properties.getZone();
		this.defaults = properties.getDefaults();
		this.deadlinePropagation = properties.getDeadlinePropagation().isEnabled();
		this.idleServiceTimeout = checkIdleServiceTimeout(properties.getIdleServiceTimeout());
		Map<String, ServiceSettings> services = new LinkedHashMap<>();
		properties.getServices().forEach((name, service) -> {
			// Bean Validation checks keys too; this holds the rule without a validator.
			ServiceNames.requireValid(name, "mesh.services (key)");
			services.put(name, resolve(name, service));
		});
		this.services = Collections.unmodifiableMap(services);
		Set<String> critical = new LinkedHashSet<>();
		properties.getServices().forEach((name, service) -> {
			if (service.isCritical()) {
				critical.add(name);
			}
		});
		this.criticalServices = Collections.unmodifiableSet(critical);
		// Resolving the defaults alone checks them at startup, not at a first call.
		this.defaultSettings = resolve("(defaults)", new MeshProperties.Service());
	}

	private static Duration checkIdleServiceTimeout(Duration timeout) {
		// Under a second, a service in steady use could lose its breaker between two
		// calls; over a week, the bound on memory means little.
		if (timeout == null || timeout.compareTo(MIN_IDLE_SERVICE_TIMEOUT) < 0
				|| timeout.compareTo(MAX_IDLE_SERVICE_TIMEOUT) > 0) {
			throw new InvalidMeshPropertyException("mesh.idle-service-timeout", String.valueOf(timeout),
					"must be between 1s and 7d", "'10m'");
		}
		return timeout;
	}

	private static String resolveServiceName(String configured, String applicationName) {
		if (configured != null) {
			return ServiceNames.requireValid(configured, "mesh.service-name");
		}
		if (applicationName == null) {
			return null;
		}
		return ServiceNames.requireValid(applicationName,
				"spring.application.name (used as mesh.service-name, which is not set)");
	}

	private ServiceSettings resolve(String name, MeshProperties.Service service) {
		MeshProperties.Defaults defaults = this.defaults;
		ServiceSettings settings = new ServiceSettings(name, service.getInstances(),
				Inherited.pick(service.getConnectTimeout(), defaults.getConnectTimeout(), null),
				Inherited.pick(service.getReadTimeout(), defaults.getReadTimeout(), null),
				Inherited.pick(service.getTimeout(), defaults.getTimeout(), null),
				Inherited.pick(service.getAttemptTimeout(), defaults.getAttemptTimeout(), null),
				Inherited.pick(service.getLoadBalancer(), defaults.getLoadBalancer(), LoadBalancing.P2C_EWMA),
				CircuitBreakerSettings.resolve(service.getCircuitBreaker(), defaults.getCircuitBreaker()),
				RetrySettings.resolve(service.getRetry(), defaults.getRetry()),
				RetryBudgetSettings.resolve(service.getRetryBudget(), defaults.getRetryBudget()),
				OutlierDetectionSettings.resolve(service.getOutlierDetection(), defaults.getOutlierDetection()),
				TlsSettings.resolve(service.getTls(), defaults.getTls()));
		SettingsRules.check(name, service, defaults, settings);
		return settings;
	}

	/**
	 * Return this application's name in the mesh.
	 * @return the name, or {@code null} if neither {@code mesh.service-name} nor
	 * {@code spring.application.name} is set
	 */
	public String getServiceName() {
		return this.serviceName;
	}

	/**
	 * Return the zone this application runs in.
	 * @return the zone, or {@code null} if not set
	 */
	public String getZone() {
		return this.zone;
	}

	/**
	 * Return the configuration version label.
	 * @return the label, or {@code null}
	 */
	public String getConfigVersion() {
		return this.configVersion;
	}

	/**
	 * Return the effective settings of a service; a service that is not configured gets
	 * {@code mesh.defaults} and no static instances.
	 * @param serviceId a valid service name
	 * @return the settings
	 */
	public ServiceSettings service(String serviceId) {
		ServiceSettings settings = this.services.get(serviceId);
		if (settings == null) {
			settings = this.unconfigured.computeIfAbsent(serviceId, (id) -> resolve(id, new MeshProperties.Service()));
		}
		return settings;
	}

	/**
	 * Return the settings of {@code mesh.defaults} alone, as a service without a
	 * {@code mesh.services} entry gets them, under the name {@code (defaults)}.
	 * @return the default settings
	 */
	public ServiceSettings defaults() {
		return this.defaultSettings;
	}

	/**
	 * Return whether calls send their remaining time downstream and honour the time left
	 * of an incoming request.
	 * @return whether deadlines are propagated
	 */
	public boolean isDeadlinePropagationEnabled() {
		return this.deadlinePropagation;
	}

	/**
	 * Return the time after its last call at which a service's state is released.
	 * @return the idle timeout, between 1s and 7d
	 */
	public Duration idleServiceTimeout() {
		return this.idleServiceTimeout;
	}

	/**
	 * Forget the settings resolved for services without a {@code mesh.services} entry;
	 * they are resolved again at their next call.
	 * @param serviceIds idle services
	 */
	public void release(Set<String> serviceIds) {
		serviceIds.forEach(this.unconfigured::remove);
	}

	/**
	 * Return the names of the services configured under {@code mesh.services}.
	 * @return the names
	 */
	public Set<String> configuredServices() {
		return this.services.keySet();
	}

	/**
	 * Return the services marked {@code critical}: the application is not ready while one
	 * of them is down.
	 * @return the names, in configuration order
	 */
	public Set<String> criticalServices() {
		return this.criticalServices;
	}

}
