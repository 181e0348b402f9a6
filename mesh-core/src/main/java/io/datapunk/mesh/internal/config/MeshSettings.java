package io.datapunk.mesh.internal.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolved, immutable view of the {@code mesh.*} configuration: this application's
 * service name and the effective {@link ServiceSettings} of every service. Thread-safe.
 *
 * @since 0.1.0
 */
public class MeshSettings {

	private final String serviceName;

	private final String configVersion;

	private final String zone;

	private final Map<String, ServiceSettings> services;

	private final boolean deadlinePropagation;

	/** Settings a service without a mesh.services entry gets, as (defaults). */
	private final ServiceSettings defaultSettings;

	/** Resolves the settings of a service without a mesh.services entry. */
	private final Function<String, ServiceSettings> unconfiguredResolver;

	private final Set<String> criticalServices;

	private final Duration idleServiceTimeout;

	/**
	 * Settings of called services that have no mesh.services entry, resolved once and
	 * released with the service's other state when it is idle.
	 */
	private final Map<String, ServiceSettings> unconfigured = new ConcurrentHashMap<>();

	/**
	 * Create the settings from values already resolved and checked (the
	 * auto-configuration resolves them from {@code mesh.*}).
	 * @param identity this application's name, zone and configuration version
	 * @param services the settings of the services under {@code mesh.services}, in
	 * configuration order
	 * @param criticalServices the services the application is not ready without
	 * @param defaultSettings the settings of {@code mesh.defaults} alone
	 * @param unconfiguredResolver resolves the settings of a service without an entry
	 * @param deadlinePropagation whether deadlines are sent and honoured
	 * @param idleServiceTimeout time after its last call at which a service's state is
	 * released
	 */
	public MeshSettings(Identity identity, Map<String, ServiceSettings> services, Set<String> criticalServices,
			ServiceSettings defaultSettings, Function<String, ServiceSettings> unconfiguredResolver,
			boolean deadlinePropagation, Duration idleServiceTimeout) {
		this.serviceName = identity.serviceName();
		this.configVersion = identity.configVersion();
		this.zone = identity.zone();
		this.services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
		this.criticalServices = Collections.unmodifiableSet(new LinkedHashSet<>(criticalServices));
		this.defaultSettings = defaultSettings;
		this.unconfiguredResolver = unconfiguredResolver;
		this.deadlinePropagation = deadlinePropagation;
		this.idleServiceTimeout = idleServiceTimeout;
	}

	/**
	 * Who this application is in the mesh.
	 *
	 * @param serviceName its service name, or {@code null} if none is set
	 * @param zone the zone it runs in, or {@code null}
	 * @param configVersion the configuration version label, or {@code null}
	 */
	public record Identity(String serviceName, String zone, String configVersion) {
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
			settings = this.unconfigured.computeIfAbsent(serviceId, this.unconfiguredResolver);
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
