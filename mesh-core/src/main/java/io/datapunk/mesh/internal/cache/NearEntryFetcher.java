package io.datapunk.mesh.internal.cache;

import java.time.Instant;
import java.util.List;

import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.internal.discovery.DiscoveryResult;
import io.datapunk.mesh.internal.discovery.LastKnownList;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The look-ups of the near tier ({@link CachingMeshDiscovery}): asks the sources, shares
 * what they answer, and, when they fail, picks the last list known (this application's
 * own within {@code max-stale}, else the shared one, which is only a fallback) and marks
 * it stale. Holds no state of its own but the counters it is given; thread-safe.
 *
 * @author datapunk mesh team
 */
final class NearEntryFetcher {

	/** How far ahead of this JVM's clock another host's fetch time may be and count. */
	private static final long CLOCK_SKEW_TOLERANCE_MILLIS = 5_000;

	// The cache's category: its operators know its warnings by it.
	private static final Log logger = LogFactory.getLog(CachingMeshDiscovery.class);

	private final CompositeMeshDiscovery source;

	private final SharedInstancesStore shared;

	private final boolean sharing;

	private final String origin;

	private final CacheClock clock;

	private final CacheCounters counters;

	private final long nearTtl;

	private final long refreshAfter;

	private final long maxStale;

	NearEntryFetcher(CompositeMeshDiscovery source, SharedInstancesStore shared, boolean sharing, String origin,
			CacheClock clock, CacheCounters counters, NearCacheSettings settings) {
		this.source = source;
		this.shared = shared;
		this.sharing = sharing;
		this.origin = origin;
		this.clock = clock;
		this.counters = counters;
		this.nearTtl = settings.nearTtl().toMillis();
		this.refreshAfter = settings.nearTtl().minus(settings.refreshAhead()).toMillis();
		this.maxStale = settings.maxStale().toMillis();
	}

	/**
	 * Put a list pushed by a source in the shared tier (an empty one removes the list
	 * there).
	 * @param serviceId the service
	 * @param discovered the list
	 */
	void share(String serviceId, List<ServiceInstance> discovered) {
		if (!this.sharing) {
			return;
		}
		if (discovered.isEmpty()) {
			// An empty answer is not shared, but the outdated list must go.
			this.shared.delete(serviceId);
			return;
		}
		this.shared.write(new SharedInstances(serviceId, discovered, Instant.ofEpochMilli(this.clock.wallMillis()),
				this.source.describeSources(), this.origin), this.counters);
	}

	/**
	 * Look a service up from the sources and return what the near tier should keep: the
	 * answer, or, when the sources fail, the last list known.
	 * @param serviceId the service
	 * @param previous the entry held, may be {@code null}
	 * @return the entry to keep
	 */
	NearEntry fetch(String serviceId, NearEntry previous) {
		long now = this.clock.millis();
		// This application's own sources are the authority: they are asked first, every
		// time, and a shared list is never preferred to what they answer.
		DiscoveryResult result = this.source.lookup(serviceId);
		if (!result.failed() && result.stale()) {
			return staleFromSource(serviceId, result, previous, now);
		}
		if (!result.failed()) {
			this.counters.sourceLoads.increment();
			if (previous != null && previous.isStale()) {
				logger.info("Discovery of '" + serviceId + "' works again; its instance list is fresh");
			}
			if (this.sharing && !result.discovered().isEmpty()) {
				// An empty answer is not shared: other applications may know the service
				// from their own configuration. Stamped in wall-clock time, the only time
				// hosts share.
				this.shared.write(new SharedInstances(serviceId, result.discovered(),
						Instant.ofEpochMilli(this.clock.wallMillis()), this.source.describeSources(), this.origin),
						this.counters);
			}
			return fresh(result.configured(), result.discovered(), now);
		}
		this.counters.sourceFailures.increment();
		return lastKnown(serviceId, result, previous, now);
	}

	/**
	 * Keep a list that a source answered from memory after losing its server: it is
	 * served marked stale, with the time the server last answered as its fetch time,
	 * until max-stale; it is never shared, so that the fetch time in the shared tier
	 * stops advancing and other applications do not take it for a current list.
	 */
	private NearEntry staleFromSource(String serviceId, DiscoveryResult result, NearEntry previous, long now) {
		long heardAt = now - result.staleAge().toMillis();
		if (now - heardAt > this.maxStale) {
			return lastKnown(serviceId, result, previous, now);
		}
		this.counters.sourceStale.increment();
		if (previous == null || !previous.isStale()) {
			logger.warn("Discovery of '" + serviceId + "' has not heard from its server ("
					+ result.staleSources().stream().map(DiscoveryResult.StaleSource::source).toList() + ") for "
					+ (now - heardAt) + " ms; serving its last list marked stale, for at most " + this.maxStale / 1000
					+ "s");
		}
		return entry(result.configured(), LastKnownList.learnt(result.discovered(), heardAt).failed(now), "source",
				this.source.describeSources(), now);
	}

	/**
	 * Pick the list served while the sources fail: this application's own last list if it
	 * has one within max-stale, else (a cold start, or its own list too old) the shared
	 * one, which is only a fallback.
	 */
	private NearEntry lastKnown(String serviceId, DiscoveryResult result, NearEntry previous, long now) {
		NearEntry known = null;
		boolean ownList = previous != null && !"redis".equals(previous.tier);
		if (ownList && now - previous.fetchedAt() <= this.maxStale) {
			known = entry(result.configured(), previous.known.failed(now), previous.tier, previous.source, now);
		}
		else {
			SharedInstances sharedList = readShared(serviceId, now);
			long sharedAt = (sharedList != null) ? sharedList.fetchedAt().toEpochMilli() : Long.MIN_VALUE;
			long previousAt = (previous != null) ? previous.fetchedAt() : Long.MIN_VALUE;
			if (sharedList != null && sharedAt >= previousAt && now - sharedAt <= this.maxStale) {
				this.counters.redisHits.increment();
				this.counters.redisStale.increment();
				List<ServiceInstance> instances = SecureInstances.noWeakerThan(sharedList.instances(),
						(previous != null) ? previous.discovered() : List.of());
				known = entry(result.configured(), LastKnownList.learnt(instances, sharedAt).failed(now), "redis",
						sharedList.source(), now);
			}
			else if (previous != null && now - previousAt <= this.maxStale) {
				known = entry(result.configured(), previous.known.failed(now), previous.tier, previous.source, now);
			}
		}
		if (known == null) {
			logger.warn("Discovery of '" + serviceId + "' failed (" + String.join(", ", result.failedSources())
					+ ") and no list of it is known from the last " + this.maxStale / 1000 + "s");
			return fresh(result.configured(), List.of(), now);
		}
		this.counters.sourceStale.increment();
		if (previous == null || !previous.isStale()) {
			logger.warn("Discovery of '" + serviceId + "' failed (" + String.join(", ", result.failedSources())
					+ "); serving its last known instances (" + known.tier + "), " + (now - known.fetchedAt())
					+ " ms old");
		}
		return known;
	}

	/**
	 * Read the shared list of a service, if sharing. Another host's clock wrote its fetch
	 * time: a time ahead of ours (beyond a small skew) is not believed at all, or a
	 * writer could make its list look newer than any source saw; a time a little ahead
	 * counts as now. The list returned carries its fetch time in this cache's monotonic
	 * milliseconds, as the entries of the JVM tier do.
	 */
	private SharedInstances readShared(String serviceId, long now) {
		if (!this.sharing) {
			return null;
		}
		SharedInstances sharedList = this.shared.read(serviceId, this.counters);
		long wallNow = this.clock.wallMillis();
		if (sharedList == null || sharedList.fetchedAt().toEpochMilli() - wallNow > CLOCK_SKEW_TOLERANCE_MILLIS) {
			this.counters.redisMisses.increment();
			return null;
		}
		// Kept in this cache's monotonic time, as of now.
		long fetchedAt = now - Math.max(0, wallNow - sharedList.fetchedAt().toEpochMilli());
		return new SharedInstances(serviceId, sharedList.instances(), Instant.ofEpochMilli(fetchedAt),
				sharedList.source(), sharedList.origin());
	}

	/**
	 * Return the entry of a list the sources just gave.
	 * @param configured the static instances
	 * @param discovered the list of the sources
	 * @param now the cache clock's milliseconds
	 * @return the entry
	 */
	NearEntry fresh(List<ServiceInstance> configured, List<ServiceInstance> discovered, long now) {
		return entry(configured, LastKnownList.learnt(discovered, now), "source", this.source.describeSources(), now);
	}

	private NearEntry entry(List<ServiceInstance> configured, LastKnownList known, String tier, String source,
			long now) {
		return new NearEntry(DiscoveryResult.join(configured, known.instances()), known, tier, source,
				now + this.refreshAfter, now + this.nearTtl);
	}

}
