package io.datapunk.mesh.internal.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.internal.discovery.DiscoveryResult;
import io.datapunk.mesh.internal.discovery.LastKnownList;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.internal.discovery.ServiceStateHolder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.ServiceInstance;

/**
 * {@link MeshDiscovery} that caches instance lists in two tiers in front of a
 * {@link CompositeMeshDiscovery}: in the JVM for {@code near-ttl}, and in a shared tier
 * (Redis), which is a fallback only.
 * <p>
 * A call that finds its service in the JVM tier returns that list at once, without I/O,
 * lock or allocation; when the list is due for refresh ({@code refresh-ahead} before it
 * expires) the call also starts one background refresh, and the list is served until that
 * refresh ends even if it expires meanwhile, so that callers in steady use never wait for
 * one. Only a call that finds nothing (a first call, or one after a service went unused
 * for near-ttl) looks the list up itself, from the sources.
 * <p>
 * The sources are the authority: a list in the shared tier, which anyone who can write to
 * Redis may have put there, is used only while this application has no list of its own
 * from them (a cold start while they fail, or its own list older than {@code max-stale}),
 * is reported stale, and never makes an instance its own last list knew as secure a
 * plain-http one. When the sources fail, this application's own last list (at most
 * {@code max-stale} old) is served and reported stale with its age.
 * <p>
 * Static instances ({@code mesh.services.<name>.instances}) never go to the shared tier:
 * they are this application's own configuration, which other applications sharing the
 * tier may not have, or have differently; they are joined in front of the shared list in
 * the JVM tier.
 * <p>
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class CachingMeshDiscovery implements MeshDiscovery, ServiceStateHolder, DisposableBean {

	private static final Log logger = LogFactory.getLog(CachingMeshDiscovery.class);

	/**
	 * Longest a look-up may take before it is interrupted (background refreshes) or no
	 * longer waited for (a call that found another call's look-up under way): far more
	 * than the sources' own waits (Consul's first answer, DNS, Redis).
	 */
	static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(10);

	/** How far behind the clock a hit may see the time. */
	public static final Duration TICK = Duration.ofMillis(5);

	private final CompositeMeshDiscovery source;

	private final SharedInstancesStore shared;

	private final boolean sharing;

	private final CacheClock clock;

	private final Map<String, NearEntry> near = new ConcurrentHashMap<>();

	private final CoalescedLoads loads = new CoalescedLoads(REFRESH_TIMEOUT);

	private final CacheCounters counters = new CacheCounters();

	/**
	 * Counts evictions, so that a look-up that raced one does not keep its result long.
	 */
	private final AtomicLong evictions = new AtomicLong();

	private final RefreshExecutor refresher;

	private final NearEntryFetcher fetcher;

	/**
	 * Create a cache with the tier in the JVM only.
	 * @param source the lookup to cache
	 * @param settings the times of the tier in the JVM
	 * @param clock the clock of times to live and ages, and of fetch times
	 */
	public CachingMeshDiscovery(CompositeMeshDiscovery source, NearCacheSettings settings, Clock clock) {
		this(source, SharedInstancesStore.NONE, settings, "local", CacheClock.ticking(clock, TICK));
	}

	public CachingMeshDiscovery(CompositeMeshDiscovery source, SharedInstancesStore shared, NearCacheSettings settings,
			String origin, CacheClock clock) {
		this.source = source;
		this.shared = shared;
		// Without a discovery client every list is static: nothing worth sharing.
		this.sharing = shared.isEnabled() && source.hasDiscoveryClients();
		this.clock = clock;
		this.refresher = new RefreshExecutor(REFRESH_TIMEOUT);
		this.fetcher = new NearEntryFetcher(source, shared, this.sharing, origin, clock, this.counters, settings);
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		NearEntry entry = this.near.get(serviceId);
		if (entry != null) {
			long now = this.clock.coarseMillis();
			// A list whose refresh is under way is served until the refresh ends, even
			// if it expired meanwhile: callers never wait for a refresh.
			if (now < entry.expiresAt || entry.isRefreshing()) {
				this.counters.nearHits.increment();
				if (entry.isStale()) {
					this.counters.nearStale.increment();
				}
				if (now >= entry.refreshAt && entry.claimRefresh()) {
					refreshInBackground(serviceId, entry);
				}
				return entry.instances;
			}
		}
		this.counters.nearMisses.increment();
		return load(serviceId, entry).instances;
	}

	@Override
	public String describeSources() {
		return this.source.describeSources();
	}

	/**
	 * Look a service's list up again at once, in the background, because it is known to
	 * have changed; until the new list is in, calls get the one held.
	 * @param serviceId the service
	 */
	public void evict(String serviceId) {
		this.evictions.incrementAndGet();
		NearEntry current = this.near.get(serviceId);
		if (current != null && current.claimRefresh()) {
			// The list is known to have changed: fetch it again at once. Calls keep
			// getting the current list until the refresh ends (none waits for it), and
			// it stays the last known one if the sources fail. A refresh already under
			// way may have started before the change: the eviction count makes the next
			// call refresh its result again.
			refreshInBackground(serviceId, current);
		}
	}

	/**
	 * Take a list that a discovery source pushed in place of the one held, if it can
	 * stand for a lookup ({@link CompositeMeshDiscovery#pushed}: the same address rules,
	 * the static instances in front): calls get it at once, and it is shared (or, if
	 * empty, the outdated shared list removed) in the background, never on the caller's
	 * thread, which is a watch's. A service not held is left alone: its first call looks
	 * it up.
	 * @param serviceId a valid service name
	 * @param eventSource the source of the event that carried the list
	 * @param pushed the new list of that source
	 * @return {@code false} if the list cannot stand for a lookup, so that the caller
	 * must {@link #changed(String) look the service up again} instead
	 */
	public boolean accept(String serviceId, Object eventSource, List<ServiceInstance> pushed) {
		DiscoveryResult result = this.source.pushed(serviceId, eventSource, pushed);
		if (result == null) {
			return false;
		}
		// A look-up under way may have read the sources before the change: it keeps its
		// result only until the next call.
		this.evictions.incrementAndGet();
		long now = this.clock.millis();
		NearEntry taken = this.near.computeIfPresent(serviceId,
				(id, held) -> this.fetcher.fresh(result.configured(), result.discovered(), now));
		if (taken != null) {
			inBackground(() -> this.fetcher.share(serviceId, result.discovered()));
		}
		return true;
	}

	/**
	 * Look a service up again in the background because its list is known to have
	 * changed, when the change came without a list that can stand for a lookup: the
	 * shared list is removed first (it is outdated, and the refresh must not fall back on
	 * it), then the held list is evicted. Nothing runs on the caller's thread.
	 * @param serviceId a valid service name
	 */
	public void changed(String serviceId) {
		inBackground(() -> {
			if (this.sharing) {
				this.shared.delete(serviceId);
			}
			evict(serviceId);
		});
	}

	private void inBackground(Runnable task) {
		try {
			this.refresher.execute(() -> {
				try {
					task.run();
				}
				catch (Throwable ex) {
					logger.warn("Background update of the shared instance lists failed: " + ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Shut down, or too many tasks waiting: the shared tier is only a fallback.
			logger.debug("Background update of the shared instance lists dropped: " + ex);
		}
	}

	/**
	 * Drop the lists held for idle services, including the empty ones of names no source
	 * knows; a later call looks them up again, as a first call does.
	 * @param serviceIds idle services
	 */
	@Override
	public void release(Set<String> serviceIds) {
		serviceIds.forEach(this.near::remove);
	}

	/**
	 * Return the list the near tier holds for a service, without loading, refreshing or
	 * counting anything: for readers such as health checks and meters, which must neither
	 * wait on a source nor keep a service nobody calls alive.
	 * @param serviceId a service name
	 * @return the list held, possibly stale, or {@code null} if none is held
	 */
	public List<ServiceInstance> peek(String serviceId) {
		NearEntry entry = this.near.get(serviceId);
		return (entry != null) ? entry.instances : null;
	}

	/**
	 * Return the counts per tier and the state of every cached service.
	 * @return a snapshot of the cache
	 */
	public DiscoveryCacheStatistics statistics() {
		long now = this.clock.millis();
		long wallNow = this.clock.wallMillis();
		List<CachedServiceState> services = this.near.entrySet()
			.stream()
			.map((entry) -> entry.getValue().toState(entry.getKey(), now, wallNow))
			.sorted(Comparator.comparing(CachedServiceState::serviceId))
			.toList();
		return new DiscoveryCacheStatistics(this.counters.near(), this.counters.redis(), this.counters.source(),
				this.shared.state(), services);
	}

	private NearEntry load(String serviceId, NearEntry previous) {
		return this.loads.load(serviceId, previous, () -> fetchAndKeep(serviceId, previous), () -> {
			long now = this.clock.millis();
			return new NearEntry(List.of(), LastKnownList.learnt(List.of(), now), "source",
					this.source.describeSources(), now, now);
		});
	}

	private void refreshInBackground(String serviceId, NearEntry entry) {
		try {
			this.refresher.execute(() -> {
				try {
					load(serviceId, entry);
				}
				catch (Throwable ex) {
					logger.warn("Background refresh of the instances of '" + serviceId + "' failed: " + ex);
				}
				finally {
					entry.releaseRefresh();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Shut down, or too many services refreshing at once: a later call tries
			// again.
			entry.releaseRefresh();
		}
	}

	private NearEntry fetchAndKeep(String serviceId, NearEntry previous) {
		long evictionsBefore = this.evictions.get();
		NearEntry fetched = this.fetcher.fetch(serviceId, previous);
		if (this.evictions.get() != evictionsBefore) {
			// An eviction raced this look-up: keep the result only until the next call,
			// which refreshes it in the background.
			fetched = fetched.refreshDueAt(this.clock.millis());
		}
		this.near.put(serviceId, fetched);
		return fetched;
	}

	@Override
	public void destroy() {
		this.refresher.shutdown();
		this.clock.stop();
	}

}
