package io.datapunk.mesh.autoconfigure.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.config.ServiceNames;
import io.datapunk.mesh.internal.config.ServiceSettings;

/**
 * Resolves {@link MeshProperties} into the engine's {@link MeshSettings}, checking what
 * binding alone cannot: service names, the idle timeout's range and the rules between
 * values. A broken rule stops startup with the property, the value and the rule.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public final class MeshSettingsResolver {

	/** Shortest and longest mesh.idle-service-timeout. */
	private static final Duration MIN_IDLE_SERVICE_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration MAX_IDLE_SERVICE_TIMEOUT = Duration.ofDays(7);

	private MeshSettingsResolver() {
	}

	/**
	 * Resolve the settings.
	 * @param properties the bound properties
	 * @param applicationName the value of {@code spring.application.name}, used when
	 * {@code mesh.service-name} is not set; may be {@code null}
	 * @return the settings
	 * @throws io.datapunk.mesh.InvalidServiceNameException if a name does not follow the
	 * rule
	 * @throws InvalidMeshPropertyException if a value breaks a rule
	 */
	public static MeshSettings resolve(MeshProperties properties, String applicationName) {
		MeshSettings.Identity identity = new MeshSettings.Identity(
				resolveServiceName(properties.getServiceName(), applicationName), properties.getZone(),
				properties.getConfigVersion());
		Duration idleServiceTimeout = checkIdleServiceTimeout(properties.getIdleServiceTimeout());
		MeshProperties.Defaults defaults = properties.getDefaults();
		Map<String, ServiceSettings> services = new LinkedHashMap<>();
		Set<String> critical = new LinkedHashSet<>();
		properties.getServices().forEach((name, service) -> {
			// Bean Validation checks keys too; this holds the rule without a validator.
			ServiceNames.requireValid(name, "mesh.services (key)");
			services.put(name, ServiceSettingsResolver.resolve(name, service, defaults));
			if (service.isCritical()) {
				critical.add(name);
			}
		});
		// Resolving the defaults alone checks them at startup, not at a first call.
		ServiceSettings defaultSettings = ServiceSettingsResolver.resolve("(defaults)", new MeshProperties.Service(),
				defaults);
		return new MeshSettings(identity, services, critical, defaultSettings,
				(serviceId) -> ServiceSettingsResolver.resolve(serviceId, new MeshProperties.Service(), defaults),
				properties.getDeadlinePropagation().isEnabled(), idleServiceTimeout);
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

}
