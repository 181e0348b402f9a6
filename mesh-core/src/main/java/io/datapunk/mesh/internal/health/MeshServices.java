package io.datapunk.mesh.internal.health;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.config.ServiceNames;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.internal.resilience.ServiceResilience;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Reads the state of the services this application calls: those configured under
 * {@code mesh.services} and those called since startup. Reading never creates a service,
 * sends a request or changes a breaker. Thread-safe.
 *
 * @since 0.1.0
 */
public class MeshServices {

	private final MeshSettings settings;

	private final MeshDiscovery discovery;

	private final ResilienceRegistry resilience;

	/**
	 * Create a reader.
	 * @param settings the mesh settings
	 * @param discovery the mesh's instance lookup
	 * @param resilience the services' resilience
	 */
	public MeshServices(MeshSettings settings, MeshDiscovery discovery, ResilienceRegistry resilience) {
		this.settings = settings;
		this.discovery = discovery;
		this.resilience = resilience;
	}

	/**
	 * Return the names of the configured and called services, sorted.
	 * @return the names
	 */
	public Set<String> names() {
		Set<String> names = new TreeSet<>(this.settings.configuredServices());
		this.resilience.services().forEach((service) -> names.add(service.serviceId()));
		return names;
	}

	/**
	 * Tell whether a service is configured or was called.
	 * @param serviceId any string, such as a path segment of a request
	 * @return {@code true} if it names a known service
	 */
	public boolean isKnown(String serviceId) {
		return ServiceNames.isValid(serviceId)
				&& (this.settings.configuredServices().contains(serviceId) || this.resilience.find(serviceId) != null);
	}

	/**
	 * Return the instances discovery knows for a service.
	 * @param serviceId a known service
	 * @return the instances, possibly empty
	 */
	public List<ServiceInstance> instances(String serviceId) {
		if (this.discovery instanceof CachingMeshDiscovery cache) {
			// What calls see, without loading, refreshing or counting a look-up; only a
			// service no call has looked up yet is looked up here.
			List<ServiceInstance> held = cache.peek(serviceId);
			if (held != null) {
				return held;
			}
		}
		return this.discovery.getInstances(serviceId);
	}

	/**
	 * Return the resilience of a service, without creating it.
	 * @param serviceId a service
	 * @return its resilience, or {@code null} if unknown
	 */
	public ServiceResilience resilience(String serviceId) {
		return this.resilience.find(serviceId);
	}

	/**
	 * Return how a service stands now.
	 * @param serviceId a known service
	 * @return its state
	 */
	public ServiceState state(String serviceId) {
		List<ServiceInstance> instances = instances(serviceId);
		ServiceResilience resilience = this.resilience.find(serviceId);
		OutlierDetector outliers = (resilience != null) ? resilience.outlierDetector() : null;
		int ejected = 0;
		if (outliers != null) {
			for (ServiceInstance instance : instances) {
				ejected += outliers.isEjected(instance) ? 1 : 0;
			}
		}
		CircuitBreaker breaker = (resilience != null) ? resilience.circuitBreaker() : null;
		return new ServiceState(serviceId, instances.size(), instances.size() - ejected, ejected,
				(breaker != null) ? breaker.getState() : null, this.settings.criticalServices().contains(serviceId));
	}

	/**
	 * Tell whether any service is marked critical.
	 * @return {@code true} if readiness depends on some service
	 */
	public boolean hasCriticalServices() {
		return !this.settings.criticalServices().isEmpty();
	}

	/**
	 * Return the states of the critical services.
	 * @return their states, in configuration order
	 */
	public List<ServiceState> criticalStates() {
		Set<String> critical = new LinkedHashSet<>(this.settings.criticalServices());
		return critical.stream().map(this::state).toList();
	}

}
