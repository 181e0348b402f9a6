package io.datapunk.mesh.internal.observability;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.DiscoveryCacheStatistics;
import io.datapunk.mesh.internal.cache.TierStatistics;
import io.datapunk.mesh.internal.discovery.ServiceStateHolder;
import io.datapunk.mesh.internal.discovery.consul.ConsulRegistrationState;
import io.datapunk.mesh.internal.health.MeshServices;
import io.datapunk.mesh.internal.resilience.CallStatistics;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.internal.resilience.ServiceResilience;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The mesh's meters beyond the per-call and per-attempt timers (which come from
 * observations): per service, retries and requeues by reason
 * ({@code mesh.client.retries}, {@code mesh.client.requeues}), calls refused by a spent
 * retry budget ({@code mesh.client.retry.budget.exhausted}), the budget left
 * ({@code mesh.client.retry.budget.available}), and instances by state
 * ({@code mesh.instances}, {@code state} = {@code available} or {@code ejected}); the
 * discovery cache's look-ups by tier and result ({@code mesh.cache.gets}); and this
 * application's Consul registration state ({@code mesh.registration.state}). Meters of a
 * service appear when it is configured or first called; a reason's counter when the
 * reason first happens. They are removed, with the per-call and per-attempt timers of the
 * service, when the service is released for being idle
 * ({@code mesh.idle-service-timeout}). Counting costs the call path a {@link LongAdder}
 * increment; the meters read those counters when scraped.
 *
 * @since 0.1.0
 */
public class MeshMetrics implements MeterBinder, ServiceStateHolder {

	/** Prefix of the meters this binder removes for an idle service. */
	private static final String PREFIX = "mesh.";

	private static final String SERVICE = "service";

	private final ResilienceRegistry resilience;

	private final MeshServices services;

	private final CachingMeshDiscovery cache;

	private final ConsulRegistrationState registration;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	/**
	 * The meters bound per service, so that releasing one finds them without a search.
	 */
	private final Map<String, Queue<Meter.Id>> bound = new ConcurrentHashMap<>();

	private final AtomicBoolean listening = new AtomicBoolean();

	/**
	 * Create the binder.
	 * @param resilience where the services' counters live
	 * @param services reads the services' instance states
	 * @param cache the discovery cache, or {@code null} without one
	 * @param registration this application's Consul registration, or {@code null} without
	 * one
	 */
	public MeshMetrics(ResilienceRegistry resilience, MeshServices services, CachingMeshDiscovery cache,
			ConsulRegistrationState registration) {
		this.resilience = resilience;
		this.services = services;
		this.cache = cache;
		this.registration = registration;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		if (this.listening.compareAndSet(false, true)) {
			// While the service is being removed, so that a service created again right
			// after gets meters of its own, not the released one's.
			this.resilience.onRelease(this::unbind);
		}
		this.resilience.forEachService((service) -> bind(registry, service));
		if (this.cache != null) {
			bindCache(registry, this.cache);
		}
		if (this.registration != null) {
			for (ConsulRegistrationState.Status status : ConsulRegistrationState.Status.values()) {
				Gauge
					.builder("mesh.registration.state", this.registration,
							(state) -> (state.current().status() == status) ? 1 : 0)
					.description("This application's registration in Consul: 1 for the current state")
					.tag("state", status.name().toLowerCase(Locale.ROOT))
					.strongReference(true)
					.register(registry);
			}
		}
	}

	private static void bindCache(MeterRegistry registry, CachingMeshDiscovery cache) {
		Map<String, Function<DiscoveryCacheStatistics, TierStatistics>> tiers = Map.of("near",
				DiscoveryCacheStatistics::near, "redis", DiscoveryCacheStatistics::redis, "source",
				DiscoveryCacheStatistics::source);
		Map<String, ToLongFunction<TierStatistics>> results = Map.of("hit", TierStatistics::hits, "miss",
				TierStatistics::misses, "stale", TierStatistics::staleServes, "error", TierStatistics::errors);
		tiers.forEach((tier,
				tierOf) -> results.forEach((result, count) -> FunctionCounter
					.builder("mesh.cache.gets", cache, (c) -> count.applyAsLong(tierOf.apply(c.statistics())))
					.description("Instance-list look-ups by cache tier and result")
					.tags("tier", tier, "result", result)
					.register(registry)));
	}

	/**
	 * Remove the meters of idle services that observations made (the per-call and
	 * per-attempt timers); those this binder made went with the services themselves.
	 * @param serviceIds idle services
	 */
	@Override
	public void release(Set<String> serviceIds) {
		for (MeterRegistry registry : this.registries) {
			for (Meter meter : registry.getMeters()) {
				Meter.Id id = meter.getId();
				String serviceId = id.getTag(SERVICE);
				if (serviceId != null && id.getName().startsWith(PREFIX) && serviceIds.contains(serviceId)
						&& this.resilience.find(serviceId) == null) {
					registry.remove(meter);
				}
			}
		}
	}

	private void unbind(ServiceResilience service) {
		Queue<Meter.Id> ids = this.bound.remove(service.serviceId());
		if (ids != null) {
			this.registries.forEach((registry) -> ids.forEach(registry::remove));
		}
	}

	private <M extends Meter> M keep(String serviceId, M meter) {
		this.bound.computeIfAbsent(serviceId, (id) -> new ConcurrentLinkedQueue<>()).add(meter.getId());
		return meter;
	}

	private void bind(MeterRegistry registry, ServiceResilience service) {
		String serviceId = service.serviceId();
		CallStatistics statistics = service.statistics();
		statistics.listen((kind, reason, count) -> keep(serviceId, FunctionCounter
			.builder((kind == CallStatistics.Kind.RETRY) ? "mesh.client.retries" : "mesh.client.requeues", count,
					LongAdder::sum)
			.description(
					(kind == CallStatistics.Kind.RETRY) ? "Failed attempts that reached a server and were sent again"
							: "Attempts that never reached a server and were sent to another instance")
			.tags("service", serviceId, "reason", reason)
			.register(registry)));
		keep(serviceId,
				FunctionCounter
					.builder("mesh.client.retry.budget.exhausted", statistics, CallStatistics::budgetExhaustedCount)
					.description("Calls that failed because the retry budget allowed no more retries")
					.tag("service", serviceId)
					.register(registry));
		keep(serviceId,
				Gauge.builder("mesh.client.retry.budget.available", service, (state) -> state.retryBudget().available())
					.description("Retries and requeues the retry budget allows now")
					.tag("service", serviceId)
					.strongReference(true)
					.register(registry));
		keep(serviceId,
				Gauge.builder("mesh.instances", this.services, (services) -> services.state(serviceId).available())
					.description("Instances of a called service, by state")
					.tags("service", serviceId, "state", "available")
					.strongReference(true)
					.register(registry));
		keep(serviceId,
				Gauge.builder("mesh.instances", this.services, (services) -> services.state(serviceId).ejected())
					.description("Instances of a called service, by state")
					.tags("service", serviceId, "state", "ejected")
					.strongReference(true)
					.register(registry));
	}

}
