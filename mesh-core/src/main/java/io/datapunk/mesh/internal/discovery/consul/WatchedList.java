package io.datapunk.mesh.internal.discovery.consul;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.datapunk.mesh.internal.discovery.LastKnownList;

import org.springframework.cloud.client.ServiceInstance;

/**
 * What a {@link ServiceWatch} knows of its service: the last list with its monotonic time
 * ({@code System.nanoTime()} ticks) and staleness, Consul's index to send back, when
 * Consul last answered by the wall clock (for reports) and the last failure. Immutable:
 * the watch replaces it in one volatile write.
 *
 * @param list the last list, stale after a failed query
 * @param index the index of the next blocking query
 * @param lastAnswer when Consul last answered, {@code null} if it never did
 * @param error the last failure, {@code null} after a successful answer
 */
record WatchedList(LastKnownList list, long index, Instant lastAnswer, String error) {

	static final WatchedList NONE = new WatchedList(LastKnownList.none(), 0, null, null);

	/**
	 * Return whether the last query succeeded.
	 */
	boolean fresh() {
		return this.list.isLearnt() && !this.list.isStale();
	}

	List<ServiceInstance> instances() {
		return this.list.instances();
	}

	/**
	 * Take an answer of Consul. The list held is kept (the same object) while the answer
	 * has the same instances, so that a change shows as a new list.
	 * @param answer the answer
	 * @param sentIndex the index the query was sent with
	 * @param wallNow now by the wall clock
	 * @param nanoNow now by {@code System.nanoTime()}
	 */
	WatchedList answered(ConsulApi.HealthAnswer answer, long sentIndex, Instant wallNow, long nanoNow) {
		long index = answer.index();
		// Consul: an index that went backwards (agent restart, snapshot restore) resets
		// the watch; an index below 1 must not be sent back.
		long next = (index < sentIndex) ? 0 : Math.max(index, 1);
		List<ServiceInstance> instances = ConsulInstances.same(instances(), answer.instances()) ? instances()
				: answer.instances();
		return new WatchedList(LastKnownList.learnt(instances, nanoNow), next, wallNow, null);
	}

	WatchedList failed(String error, long nanoNow) {
		return new WatchedList(this.list.failed(nanoNow), this.index, this.lastAnswer, error);
	}

	/**
	 * Return how long Consul has not answered: {@code null} while the list is current
	 * (the last query succeeded and the one in flight is not overdue), otherwise the time
	 * since the last answer.
	 */
	Duration staleFor(long nanoNow, long quietLimitNanos) {
		if (this.lastAnswer == null) {
			return null;
		}
		long quiet = this.list.age(nanoNow);
		return (!fresh() || quiet > quietLimitNanos) ? Duration.ofNanos(quiet) : null;
	}

	ConsulWatchStatus status(String serviceId, Instant wallNow) {
		Duration age = (this.lastAnswer != null) ? Duration.between(this.lastAnswer, wallNow) : null;
		return new ConsulWatchStatus(serviceId, fresh(), this.lastAnswer, age, this.index, instances().size(),
				this.error);
	}

}
