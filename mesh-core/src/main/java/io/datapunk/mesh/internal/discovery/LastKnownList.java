package io.datapunk.mesh.internal.discovery;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The last instance list a source gave for one service, when it was learnt, and whether
 * (and since when) the source has failed since, so that the list is served marked stale:
 * the one rule the Consul watch, DNS and the near cache keep their last list by.
 * <p>
 * Times are ticks of the owner's clock, in the owner's unit ({@code System.nanoTime()},
 * the cache clock's milliseconds, ...): only differences of ticks of one owner mean
 * anything. Immutable, hence thread-safe: an owner replaces its holder in one volatile
 * write, and readers get a consistent list, time and staleness in one volatile read.
 *
 * @since 0.1.0
 */
public final class LastKnownList {

	private static final LastKnownList NONE = new LastKnownList(List.of(), false, 0, false, 0);

	private final List<ServiceInstance> instances;

	private final boolean learnt;

	private final long learntAt;

	private final boolean stale;

	private final long staleSince;

	private LastKnownList(List<ServiceInstance> instances, boolean learnt, long learntAt, boolean stale,
			long staleSince) {
		this.instances = instances;
		this.learnt = learnt;
		this.learntAt = learntAt;
		this.stale = stale;
		this.staleSince = staleSince;
	}

	/**
	 * Return the holder of a service no source answered for yet: an empty list, not
	 * stale.
	 * @return the holder
	 */
	public static LastKnownList none() {
		return NONE;
	}

	/**
	 * Return the holder of a list just learnt from a source: current, not stale.
	 * @param instances the list
	 * @param now the ticks of now
	 * @return the holder
	 */
	public static LastKnownList learnt(List<ServiceInstance> instances, long now) {
		return new LastKnownList(instances, true, now, false, 0);
	}

	/**
	 * Return this holder after its source failed: the list is kept and marked stale,
	 * since the first failure after it was learnt (later failures move nothing).
	 * @param now the ticks of now
	 * @return the stale holder
	 */
	public LastKnownList failed(long now) {
		return this.stale ? this : new LastKnownList(this.instances, this.learnt, this.learntAt, true, now);
	}

	/**
	 * Return the list: empty if none was learnt yet.
	 * @return the list
	 */
	public List<ServiceInstance> instances() {
		return this.instances;
	}

	/**
	 * Return whether a source ever gave a list (an empty one included).
	 * @return {@code true} once a list was learnt
	 */
	public boolean isLearnt() {
		return this.learnt;
	}

	/**
	 * Return when the list was learnt.
	 * @return the ticks, meaningless unless {@link #isLearnt()}
	 */
	public long learntAt() {
		return this.learntAt;
	}

	/**
	 * Return how old the list is.
	 * @param now the ticks of now
	 * @return the ticks since it was learnt, never negative; 0 if none was learnt
	 */
	public long age(long now) {
		return this.learnt ? Math.max(0, now - this.learntAt) : 0;
	}

	/**
	 * Return whether the source failed since the list was learnt.
	 * @return {@code true} if the list is served stale
	 */
	public boolean isStale() {
		return this.stale;
	}

	/**
	 * Return when the source first failed after the list was learnt.
	 * @return the ticks, meaningless unless {@link #isStale()}
	 */
	public long staleSince() {
		return this.staleSince;
	}

	@Override
	public String toString() {
		return this.instances.size() + " instance(s)" + (this.learnt ? "" : ", none learnt")
				+ (this.stale ? ", stale" : "");
	}

}
