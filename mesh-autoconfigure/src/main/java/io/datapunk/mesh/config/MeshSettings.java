package io.datapunk.mesh.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Resolved, immutable view of {@link MeshProperties}: this application's service name and
 * the effective {@link ServiceSettings} of every service. Thread-safe.
 *
 * @since 0.1.0
 */
public class MeshSettings {

	private final String serviceName;

	private final String configVersion;

	private final Map<String, ServiceSettings> services;

	private final MeshProperties.Defaults defaults;

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
		this.defaults = properties.getDefaults();
		Map<String, ServiceSettings> services = new LinkedHashMap<>();
		properties.getServices().forEach((name, service) -> {
			// Bean Validation checks keys too; this holds the rule without a validator.
			ServiceNames.requireValid(name, "mesh.services (key)");
			services.put(name, resolve(name, service));
		});
		this.services = Collections.unmodifiableMap(services);
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
		return new ServiceSettings(name, service.getInstances(),
				(service.getConnectTimeout() != null) ? service.getConnectTimeout() : this.defaults.getConnectTimeout(),
				(service.getReadTimeout() != null) ? service.getReadTimeout() : this.defaults.getReadTimeout());
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
		return (settings != null) ? settings : resolve(serviceId, new MeshProperties.Service());
	}

	/**
	 * Return the names of the services configured under {@code mesh.services}.
	 * @return the names
	 */
	public Set<String> configuredServices() {
		return this.services.keySet();
	}

}
