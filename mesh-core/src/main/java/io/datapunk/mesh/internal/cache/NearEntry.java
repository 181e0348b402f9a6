package io.datapunk.mesh.internal.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.datapunk.mesh.internal.discovery.LastKnownList;

import org.springframework.cloud.client.ServiceInstance;

/**
 * One service's list in the JVM tier: immutable but for the flag that lets one thread at
 * a time start its background refresh. Times are monotonic milliseconds of the cache's
 * clock ({@link CacheClock}), so that a hit costs one clock read and two comparisons, and
 * a wall clock stepped back changes no time to live or age. The discovered part of the
 * list, when it was fetched and whether it is served stale are one {@link LastKnownList}
 * in those milliseconds.
 *
 * @author datapunk mesh team
 */
final class NearEntry {

	private static final AtomicIntegerFieldUpdater<NearEntry> REFRESHING = AtomicIntegerFieldUpdater
		.newUpdater(NearEntry.class, "refreshing");

	/** The list calls get: the static instances, then the discovered ones. */
	final List<ServiceInstance> instances;

	/**
	 * The discovered part alone, which is what is shared and kept as last known, with its
	 * fetch time and staleness.
	 */
	final LastKnownList known;

	final String tier;

	final String source;

	final long refreshAt;

	final long expiresAt;

	private volatile int refreshing;

	NearEntry(List<ServiceInstance> instances, LastKnownList known, String tier, String source, long refreshAt,
			long expiresAt) {
		this.instances = instances;
		this.known = known;
		this.tier = tier;
		this.source = source;
		this.refreshAt = refreshAt;
		this.expiresAt = expiresAt;
	}

	List<ServiceInstance> discovered() {
		return this.known.instances();
	}

	long fetchedAt() {
		return this.known.learntAt();
	}

	boolean isStale() {
		return this.known.isStale();
	}

	/**
	 * Return this entry due for refresh at the given time instead.
	 * @param refreshAt when a call should refresh it
	 * @return the copy
	 */
	NearEntry refreshDueAt(long refreshAt) {
		return new NearEntry(this.instances, this.known, this.tier, this.source, refreshAt, this.expiresAt);
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
		long age = this.known.age(now);
		return new CachedServiceState(serviceId, this.instances.size(), this.tier, this.source,
				Instant.ofEpochMilli(wallNow - age), Duration.ofMillis(age), this.known.isStale());
	}

}
