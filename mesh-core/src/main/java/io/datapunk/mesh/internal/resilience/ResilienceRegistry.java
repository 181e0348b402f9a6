package io.datapunk.mesh.internal.resilience;

import io.datapunk.mesh.internal.support.Backoff;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.datapunk.mesh.internal.config.CircuitBreakerSettings;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.config.OutlierDetectionSettings;
import io.datapunk.mesh.internal.config.RetryBudgetSettings;
import io.datapunk.mesh.internal.config.ServiceSettings;
import io.datapunk.mesh.internal.discovery.ServiceStateHolder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import io.datapunk.mesh.spi.RetryCondition;

/**
 * Holds the {@link ServiceResilience} of every called service, created on the first call
 * to it. Circuit breakers live in a Resilience4j {@link CircuitBreakerRegistry} (the
 * application's, when Resilience4j's auto-configuration made one, so its endpoints and
 * meters show them too); a breaker that the registry already holds under the service's
 * name, from {@code resilience4j.circuitbreaker.instances.<name>}, is used as configured
 * there. A service nobody called for {@code mesh.idle-service-timeout} is {@link #release
 * released}: its breaker leaves the Resilience4j registry (unless it was there before the
 * mesh's first call), and its next call starts afresh. Thread-safe.
 *
 * @since 0.1.0
 */
public class ResilienceRegistry implements ServiceStateHolder {

	private static final Log logger = LogFactory.getLog(ResilienceRegistry.class);

	/** Largest share by which an ejection is shortened at random. */
	static final double EJECTION_JITTER = 0.1;

	private final MeshSettings settings;

	private final CircuitBreakerRegistry circuitBreakers;

	private final List<RetryCondition> retryConditions;

	private final Clock clock;

	private final LongSupplier ticker;

	private final OutlierListener outlierListener;

	private final Map<String, ServiceResilience> services = new ConcurrentHashMap<>();

	private final List<Consumer<ServiceResilience>> listeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<ServiceResilience>> releaseListeners = new CopyOnWriteArrayList<>();

	/**
	 * Services whose breaker the Resilience4j registry held before the mesh asked: it is
	 * configured there, so it stays when the service is released.
	 */
	private final Set<String> adoptedBreakers = ConcurrentHashMap.newKeySet();

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
		this(settings, circuitBreakers, retryConditions, clock, System::nanoTime, outlierListener);
	}

	/**
	 * Create a registry that measures budgets and ejections with a monotonic ticker.
	 * @param settings the mesh settings
	 * @param circuitBreakers where circuit breakers are kept
	 * @param retryConditions the user's extra retry conditions
	 * @param clock the wall clock, only for the times shown and shared (ends of
	 * ejections)
	 * @param ticker monotonic nanoseconds ({@code System::nanoTime}) for every duration
	 * budgets and ejections measure, so that a wall clock stepped back changes nothing
	 * @param outlierListener told of every ejection and readmission the detectors decide
	 */
	public ResilienceRegistry(MeshSettings settings, CircuitBreakerRegistry circuitBreakers,
			List<RetryCondition> retryConditions, Clock clock, LongSupplier ticker, OutlierListener outlierListener) {
		this.ticker = ticker;
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
		if (resilience != null) {
			return resilience;
		}
		boolean[] created = new boolean[1];
		resilience = this.services.computeIfAbsent(serviceId, (id) -> {
			created[0] = true;
			return create(id);
		});
		if (created[0]) {
			// Outside the map's lock: a listener may read the registry.
			ServiceResilience fresh = resilience;
			this.listeners.forEach((listener) -> listener.accept(fresh));
		}
		return resilience;
	}

	/**
	 * Call a listener for every service now known and for each one that appears later
	 * (configured services exist from startup; others appear at their first call).
	 * @param listener called once per service, on the thread that created it
	 */
	public void forEachService(Consumer<ServiceResilience> listener) {
		this.listeners.add(listener);
		this.services.values().forEach(listener);
	}

	/**
	 * Call a listener for every service released from now on, while the service is being
	 * removed: a call that creates the service again waits until the listener returns, so
	 * what the listener removes is never what the new one made.
	 * @param listener called once per released service, on the sweeper's thread
	 */
	public void onRelease(Consumer<ServiceResilience> listener) {
		this.releaseListeners.add(listener);
	}

	/**
	 * Release idle services: their resilience and, unless configured in Resilience4j,
	 * their breakers. Services configured under {@code mesh.services} are kept.
	 * @param serviceIds the services nobody called for the idle timeout
	 */
	@Override
	public void release(Set<String> serviceIds) {
		Set<String> configured = this.settings.configuredServices();
		for (String serviceId : serviceIds) {
			if (configured.contains(serviceId)) {
				continue;
			}
			this.services.computeIfPresent(serviceId, (id, resilience) -> {
				if (resilience.circuitBreaker() != null && !this.adoptedBreakers.contains(id)) {
					this.circuitBreakers.remove(id);
				}
				this.releaseListeners.forEach((listener) -> listener.accept(resilience));
				return null;
			});
		}
	}

	/**
	 * Return the resilience of a service if it exists, without creating it: for readers
	 * such as health checks, which must not make a service appear.
	 * @param serviceId a service name
	 * @return the service's resilience, or {@code null} if the service was neither
	 * configured nor called
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

	/**
	 * Return the settings a service's calls run with, without creating anything for it.
	 * @param serviceId a valid service name
	 * @return the service's settings, {@code mesh.defaults} for one not configured
	 */
	public ServiceSettings settingsOf(String serviceId) {
		return this.settings.service(serviceId);
	}

	private ServiceResilience create(String serviceId) {
		ServiceSettings service = this.settings.service(serviceId);
		RetryBudgetSettings budget = service.retryBudget();
		return new ServiceResilience(serviceId, service, circuitBreaker(serviceId, service.circuitBreaker()),
				new RetryPolicy(service.retry(), this.retryConditions),
				new RetryBudget(budget.retryRatio(), budget.minRetriesPerSecond(), budget.window(), this.ticker),
				new Backoff(service.retry().baseBackoff(), service.retry().maxBackoff()),
				outlierDetector(serviceId, service.outlierDetection()), new CallStatistics());
	}

	private CircuitBreaker circuitBreaker(String serviceId, CircuitBreakerSettings settings) {
		if (!settings.enabled()) {
			return null;
		}
		Optional<CircuitBreaker> configured = this.circuitBreakers.find(serviceId);
		if (configured.isPresent()) {
			this.adoptedBreakers.add(serviceId);
			logger.info("Calls to service '" + serviceId + "' use the Resilience4j circuit breaker of the same name, "
					+ "which already exists (configured under resilience4j.circuitbreaker.instances, or created by "
					+ "other code); mesh circuit-breaker settings other than 'enabled' do not apply to it");
			return logTransitions(configured.get());
		}
		return logTransitions(this.circuitBreakers.circuitBreaker(serviceId, CircuitBreakerConfigs.from(settings)));
	}

	/**
	 * Log each state change of a service's breaker once, when it happens: an opening as a
	 * warning, the rest as information.
	 */
	private static CircuitBreaker logTransitions(CircuitBreaker breaker) {
		breaker.getEventPublisher().onStateTransition((event) -> {
			CircuitBreaker.State to = event.getStateTransition().getToState();
			String message = "Circuit breaker of service '" + event.getCircuitBreakerName() + "' moved from "
					+ event.getStateTransition().getFromState() + " to " + to;
			if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
				CircuitBreaker.Metrics metrics = breaker.getMetrics();
				logger.warn(message + " (failure rate " + metrics.getFailureRate() + " %, slow call rate "
						+ metrics.getSlowCallRate() + " %)");
			}
			else {
				logger.info(message);
			}
		});
		return breaker;
	}

	private OutlierDetector outlierDetector(String serviceId, OutlierDetectionSettings settings) {
		if (!settings.enabled()) {
			return null;
		}
		return new OutlierDetector(serviceId,
				new EjectionRules(settings.consecutiveFailures(), settings.baseEjectionTime(),
						settings.maxEjectionTime(), settings.maxEjectionRatio(), settings.panicThreshold(),
						EJECTION_JITTER, ThreadLocalRandom.current()),
				this.clock, this.ticker, this.outlierListener);
	}

}
