package io.datapunk.mesh.observability;

import java.util.concurrent.atomic.LongAdder;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.datapunk.mesh.cache.CachingMeshDiscovery;
import io.datapunk.mesh.cache.DiscoveryCacheStatistics;
import io.datapunk.mesh.cache.TierStatistics;
import io.datapunk.mesh.discovery.consul.ConsulRegistrationState;
import io.datapunk.mesh.health.MeshServices;
import io.datapunk.mesh.resilience.CallStatistics;
import io.datapunk.mesh.resilience.ResilienceRegistry;
import io.datapunk.mesh.resilience.ServiceResilience;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
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
 * reason first happens. Counting costs the call path a {@link LongAdder} increment; the
 * meters read those counters when scraped.
 *
 * @since 0.1.0
 */
public class MeshMetrics implements MeterBinder {

	private final ResilienceRegistry resilience;

	private final MeshServices services;

	private final CachingMeshDiscovery cache;

	private final ConsulRegistrationState registration;

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

	private void bind(MeterRegistry registry, ServiceResilience service) {
		String serviceId = service.serviceId();
		CallStatistics statistics = service.statistics();
		statistics.listen((kind, reason, count) -> FunctionCounter
			.builder((kind == CallStatistics.Kind.RETRY) ? "mesh.client.retries" : "mesh.client.requeues", count,
					LongAdder::sum)
			.description(
					(kind == CallStatistics.Kind.RETRY) ? "Failed attempts that reached a server and were sent again"
							: "Attempts that never reached a server and were sent to another instance")
			.tags("service", serviceId, "reason", reason)
			.register(registry));
		FunctionCounter.builder("mesh.client.retry.budget.exhausted", statistics, CallStatistics::budgetExhaustedCount)
			.description("Calls that failed because the retry budget allowed no more retries")
			.tag("service", serviceId)
			.register(registry);
		Gauge.builder("mesh.client.retry.budget.available", service, (state) -> state.retryBudget().available())
			.description("Retries and requeues the retry budget allows now")
			.tag("service", serviceId)
			.strongReference(true)
			.register(registry);
		Gauge.builder("mesh.instances", this.services, (services) -> services.state(serviceId).available())
			.description("Instances of a called service, by state")
			.tags("service", serviceId, "state", "available")
			.strongReference(true)
			.register(registry);
		Gauge.builder("mesh.instances", this.services, (services) -> services.state(serviceId).ejected())
			.description("Instances of a called service, by state")
			.tags("service", serviceId, "state", "ejected")
			.strongReference(true)
			.register(registry);
	}

}
