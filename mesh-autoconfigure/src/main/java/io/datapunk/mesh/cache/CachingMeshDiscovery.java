package io.datapunk.mesh.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.datapunk.mesh.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.discovery.DiscoveryResult;
import io.datapunk.mesh.discovery.MeshDiscovery;
import io.datapunk.mesh.discovery.ServiceStateHolder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * {@link MeshDiscovery} that caches instance lists in two tiers in front of a
 * {@link CompositeMeshDiscovery}: in the JVM for {@code near-ttl}, and in a shared tier
 * (Redis) for {@code redis.ttl}, so that the application instances of a mesh ask their
 * discovery sources once between them.
 * <p>
 * A call that finds its service in the JVM tier returns that list at once, without I/O,
 * lock or allocation; when the list is due for refresh ({@code refresh-ahead} before it
 * expires) the call also starts one background refresh, and the list is served until that
 * refresh ends even if it expires meanwhile, so that callers in steady use never wait for
 * one. Only a call that finds nothing (a first call, or one after a service went unused
 * for near-ttl) looks the list up itself: in the shared tier, then from the sources. When
 * the sources fail, the last list known in either tier (at most {@code max-stale} old) is
 * served and reported stale with its age.
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

	/** How far ahead of this JVM's clock another host's fetch time may be and count. */
	private static final long CLOCK_SKEW_TOLERANCE_MILLIS = 5_000;

	private static final Log logger = LogFactory.getLog(CachingMeshDiscovery.class);

	/** How far behind the clock a hit may see the time. */
	static final Duration TICK = Duration.ofMillis(5);

	private final CompositeMeshDiscovery source;

	private final SharedInstancesStore shared;

	private final boolean sharing;

	private final String origin;

	private final CacheClock clock;

	private final long nearTtl;

	private final long refreshAfter;

	private final long maxStale;

	private final long sharedTtl;

	private final Map<String, NearEntry> near = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<NearEntry>> loading = new ConcurrentHashMap<>();

	private final CacheCounters counters = new CacheCounters();

	/**
	 * Counts evictions, so that a look-up that raced one does not keep its result long.
	 */
	private final AtomicLong evictions = new AtomicLong();

	private final ThreadPoolExecutor refresher;

	/**
	 * Create a cache with the tier in the JVM only.
	 * @param source the lookup to cache
	 * @param properties the cache settings; those of Redis are not used
	 * @param clock the clock of times to live and ages
	 */
	public CachingMeshDiscovery(CompositeMeshDiscovery source, CacheProperties properties, Clock clock) {
		this(source, SharedInstancesStore.NONE, properties, "local", CacheClock.ticking(clock, TICK));
	}

	CachingMeshDiscovery(CompositeMeshDiscovery source, SharedInstancesStore shared, CacheProperties properties,
			String origin, CacheClock clock) {
		this.source = source;
		this.shared = shared;
		// Without a discovery client every list is static: nothing worth sharing.
		this.sharing = shared.isEnabled() && source.hasDiscoveryClients();
		this.origin = origin;
		this.clock = clock;
		this.nearTtl = properties.getNearTtl().toMillis();
		this.refreshAfter = properties.getNearTtl().minus(properties.getRefreshAhead()).toMillis();
		this.maxStale = properties.getMaxStale().toMillis();
		this.sharedTtl = properties.getRedis().getTtl().toMillis();
		this.refresher = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024),
				daemonThreads());
		this.refresher.allowCoreThreadTimeOut(true);
	}

	private static CustomizableThreadFactory daemonThreads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("mesh-cache-refresh-");
		threads.setDaemon(true);
		return threads;
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
				if (entry.stale) {
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
		List<CachedServiceState> services = this.near.entrySet()
			.stream()
			.map((entry) -> entry.getValue().toState(entry.getKey(), now))
			.sorted(Comparator.comparing(CachedServiceState::serviceId))
			.toList();
		return new DiscoveryCacheStatistics(this.counters.near(), this.counters.redis(), this.counters.source(),
				this.shared.state(), services);
	}

	private NearEntry load(String serviceId, NearEntry previous) {
		CompletableFuture<NearEntry> mine = new CompletableFuture<>();
		CompletableFuture<NearEntry> running = this.loading.putIfAbsent(serviceId, mine);
		if (running != null) {
			// Another caller is looking the same service up: one look-up is enough.
			return running.join();
		}
		try {
			NearEntry loaded = fetchAndKeep(serviceId, previous);
			mine.complete(loaded);
			return loaded;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loading.remove(serviceId, mine);
		}
	}

	private void refreshInBackground(String serviceId, NearEntry entry) {
		try {
			this.refresher.execute(() -> {
				try {
					load(serviceId, entry);
				}
				catch (RuntimeException ex) {
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
		NearEntry fetched = fetch(serviceId, previous);
		if (this.evictions.get() != evictionsBefore) {
			// An eviction raced this look-up: keep the result only until the next call,
			// which refreshes it in the background.
			fetched = new NearEntry(fetched.instances, fetched.discovered, fetched.fetchedAt, fetched.tier,
					fetched.source, fetched.stale, this.clock.millis(), fetched.expiresAt);
		}
		this.near.put(serviceId, fetched);
		return fetched;
	}

	private NearEntry fetch(String serviceId, NearEntry previous) {
		long now = this.clock.millis();
		SharedInstances sharedList = null;
		if (this.sharing) {
			sharedList = this.shared.read(serviceId, this.counters);
			// Another host's clock wrote fetchedAt: a time well ahead of ours is not
			// believed (the list is then only a last known one), or a writer with a fast
			// clock would keep its list fresh for everyone, long after it died.
			long written = (sharedList != null) ? sharedList.fetchedAt().toEpochMilli() : 0;
			long sharedFetchedAt = Math.min(written, now);
			if (sharedList != null && written - now <= CLOCK_SKEW_TOLERANCE_MILLIS
					&& now - sharedFetchedAt < this.sharedTtl) {
				this.counters.redisHits.increment();
				return entry(this.source.configuredInstances(serviceId), sharedList.instances(), sharedFetchedAt,
						"redis", sharedList.source(), false, now);
			}
			this.counters.redisMisses.increment();
		}
		DiscoveryResult result = this.source.lookup(serviceId);
		if (!result.failed()) {
			this.counters.sourceLoads.increment();
			if (previous != null && previous.stale) {
				logger.info("Discovery of '" + serviceId + "' works again; its instance list is fresh");
			}
			if (this.sharing && !result.discovered().isEmpty()) {
				// An empty answer is not shared: other applications may know the service
				// from their own configuration.
				this.shared.write(new SharedInstances(serviceId, result.discovered(), Instant.ofEpochMilli(now),
						this.source.describeSources(), this.origin));
			}
			return entry(result.configured(), result.discovered(), now, "source", this.source.describeSources(), false,
					now);
		}
		this.counters.sourceFailures.increment();
		return lastKnown(serviceId, result, previous, sharedList, now);
	}

	private NearEntry lastKnown(String serviceId, DiscoveryResult result, NearEntry previous,
			SharedInstances sharedList, long now) {
		long previousAt = (previous != null) ? previous.fetchedAt : Long.MIN_VALUE;
		long sharedAt = (sharedList != null) ? Math.min(sharedList.fetchedAt().toEpochMilli(), now) : Long.MIN_VALUE;
		NearEntry known = null;
		if (previous != null && previousAt >= sharedAt && now - previousAt <= this.maxStale) {
			known = entry(result.configured(), previous.discovered, previousAt, previous.tier, previous.source, true,
					now);
		}
		else if (sharedList != null && now - sharedAt <= this.maxStale) {
			this.counters.redisStale.increment();
			known = entry(result.configured(), sharedList.instances(), sharedAt, "redis", sharedList.source(), true,
					now);
		}
		if (known == null) {
			logger.warn("Discovery of '" + serviceId + "' failed (" + String.join(", ", result.failedSources())
					+ ") and no list of it is known from the last " + this.maxStale / 1000 + "s");
			return entry(result.configured(), List.of(), now, "source", this.source.describeSources(), false, now);
		}
		this.counters.sourceStale.increment();
		if (previous == null || !previous.stale) {
			logger.warn("Discovery of '" + serviceId + "' failed (" + String.join(", ", result.failedSources())
					+ "); serving its last known instances, " + (now - known.fetchedAt) + " ms old");
		}
		return known;
	}

	private NearEntry entry(List<ServiceInstance> configured, List<ServiceInstance> discovered, long fetchedAt,
			String tier, String source, boolean stale, long now) {
		return new NearEntry(DiscoveryResult.join(configured, discovered), discovered, fetchedAt, tier, source, stale,
				now + this.refreshAfter, now + this.nearTtl);
	}

	@Override
	public void destroy() {
		this.refresher.shutdownNow();
		this.clock.stop();
	}

}
