package io.datapunk.mesh.resilience;

import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.datapunk.mesh.config.CircuitBreakerSettings;
import io.datapunk.mesh.config.MeshSettings;
import io.datapunk.mesh.config.OutlierDetectionSettings;
import io.datapunk.mesh.config.RetryBudgetSettings;
import io.datapunk.mesh.config.ServiceSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Holds the {@link ServiceResilience} of every called service, created on the first call
 * to it. Circuit breakers live in a Resilience4j {@link CircuitBreakerRegistry} (the
 * application's, when Resilience4j's auto-configuration made one, so its endpoints and
 * meters show them too); a breaker that the registry already holds under the service's
 * name, from {@code resilience4j.circuitbreaker.instances.<name>}, is used as configured
 * there. Thread-safe.
 *
 * @since 0.1.0
 */
public class ResilienceRegistry {

	private static final Log logger = LogFactory.getLog(ResilienceRegistry.class);

	private final MeshSettings settings;

	private final CircuitBreakerRegistry circuitBreakers;

	private final List<RetryCondition> retryConditions;

	private final Clock clock;

	private final OutlierListener outlierListener;

	private final Map<String, ServiceResilience> services = new ConcurrentHashMap<>();

	/**
	 * Create a registry.
	 * @param settings the mesh settings
	 * @param circuitBreakers where circuit breakers are kept
	 * @param retryConditions the user's extra retry conditions
	 * @param clock the clock of budgets and ejections
	 */
	public ResilienceRegistry(MeshSettings settings, CircuitBreakerRegistry circuitBreakers,
			List<RetryCondition> retryConditions, Clock clock) {
		this(settings, circuitBreakers, retryConditions, clock, OutlierListener.NONE);
	}

	/**
	 * Create a registry whose outlier detectors tell a listener of their ejections and
	 * readmissions.
	 * @param settings the mesh settings
	 * @param circuitBreakers where circuit breakers are kept
	 * @param retryConditions the user's extra retry conditions
	 * @param clock the clock of budgets and ejections
	 * @param outlierListener told of every ejection and readmission the detectors decide
	 */
	public ResilienceRegistry(MeshSettings settings, CircuitBreakerRegistry circuitBreakers,
			List<RetryCondition> retryConditions, Clock clock, OutlierListener outlierListener) {
		this.outlierListener = outlierListener;
		this.settings = settings;
		this.circuitBreakers = circuitBreakers;
		this.retryConditions = List.copyOf(retryConditions);
		this.clock = clock;
	}

	/**
	 * Return the resilience of a service, creating it on first use.
	 * @param serviceId a valid service name
	 * @return the service's resilience
	 */
	public ServiceResilience forService(String serviceId) {
		ServiceResilience resilience = this.services.get(serviceId);
		return (resilience != null) ? resilience : this.services.computeIfAbsent(serviceId, this::create);
	}

	/**
	 * Return the resilience of a service if it exists already, without creating it.
	 * @param serviceId a service name
	 * @return the service's resilience, or {@code null} if none was created
	 */
	public ServiceResilience find(String serviceId) {
		return this.services.get(serviceId);
	}

	/**
	 * Return the resilience of every service called so far.
	 * @return the services' resilience
	 */
	public Collection<ServiceResilience> services() {
		return Collections.unmodifiableCollection(this.services.values());
	}

	private ServiceResilience create(String serviceId) {
		ServiceSettings service = this.settings.service(serviceId);
		RetryBudgetSettings budget = service.retryBudget();
		return new ServiceResilience(serviceId, service, circuitBreaker(serviceId, service.circuitBreaker()),
				new RetryPolicy(service.retry(), this.retryConditions),
				new RetryBudget(budget.retryRatio(), budget.minRetriesPerSecond(), budget.window(), this.clock),
				new Backoff(service.retry().baseBackoff(), service.retry().maxBackoff()),
				outlierDetector(serviceId, service.outlierDetection()));
	}

	private CircuitBreaker circuitBreaker(String serviceId, CircuitBreakerSettings settings) {
		if (!settings.enabled()) {
			return null;
		}
		Optional<CircuitBreaker> configured = this.circuitBreakers.find(serviceId);
		if (configured.isPresent()) {
			logger.info("Calls to service '" + serviceId + "' use the Resilience4j circuit breaker of the same name, "
					+ "which already exists (configured under resilience4j.circuitbreaker.instances, or created by "
					+ "other code); mesh circuit-breaker settings other than 'enabled' do not apply to it");
			return configured.get();
		}
		return this.circuitBreakers.circuitBreaker(serviceId, CircuitBreakerConfigs.from(settings));
	}

	private OutlierDetector outlierDetector(String serviceId, OutlierDetectionSettings settings) {
		if (!settings.enabled()) {
			return null;
		}
		return new OutlierDetector(serviceId, settings.consecutiveFailures(), settings.baseEjectionTime(),
				settings.maxEjectionTime(), settings.maxEjectionRatio(), settings.panicThreshold(), this.clock,
				this.outlierListener);
	}

}
