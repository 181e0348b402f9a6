package io.datapunk.mesh.internal.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.springframework.cloud.client.ServiceInstance;

/**
 * One service's list in the JVM tier: immutable but for the flag that lets one thread at
 * a time start its background refresh. Times are monotonic milliseconds of the cache's
 * clock ({@link CacheClock}), so that a hit costs one clock read and two comparisons, and
 * a wall clock stepped back changes no time to live or age.
 *
 * @author datapunk mesh team
 */
final class NearEntry {

	private static final AtomicIntegerFieldUpdater<NearEntry> REFRESHING = AtomicIntegerFieldUpdater
		.newUpdater(NearEntry.class, "refreshing");

	/** The list calls get: the static instances, then the discovered ones. */
	final List<ServiceInstance> instances;

	/** The discovered part alone, which is what is shared and kept as last known. */
	final List<ServiceInstance> discovered;

	final long fetchedAt;

	final String tier;

	final String source;

	final boolean stale;

	final long refreshAt;

	final long expiresAt;

	private volatile int refreshing;

	NearEntry(List<ServiceInstance> instances, List<ServiceInstance> discovered, long fetchedAt, String tier,
			String source, boolean stale, long refreshAt, long expiresAt) {
		this.instances = instances;
		this.discovered = discovered;
		this.fetchedAt = fetchedAt;
		this.tier = tier;
		this.source = source;
		this.stale = stale;
		this.refreshAt = refreshAt;
		this.expiresAt = expiresAt;
	}

	/**
	 * Claim the background refresh of this entry.
	 * @return {@code true} for the one caller that should start it
	 */
	boolean claimRefresh() {
		return this.refreshing == 0 && REFRESHING.compareAndSet(this, 0, 1);
	}

	boolean isRefreshing() {
		return this.refreshing != 0;
	}

	void releaseRefresh() {
		this.refreshing = 0;
	}

	CachedServiceState toState(String serviceId, long now, long wallNow) {
		long age = Math.max(0, now - this.fetchedAt);
		return new CachedServiceState(serviceId, this.instances.size(), this.tier, this.source,
				Instant.ofEpochMilli(wallNow - age), Duration.ofMillis(age), this.stale);
	}

}
