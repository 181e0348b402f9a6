package io.datapunk.mesh.internal.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.cloud.client.ServiceInstance;

/**
 * What a {@link CompositeMeshDiscovery} found for one service, kept apart by where it
 * came from, so that a cache can tell a failure from an empty answer and keep this
 * application's own configuration to itself.
 *
 * @param configured the static instances of {@code mesh.services.<name>.instances}: this
 * application's own configuration, never failing
 * @param discovered the instances the discovery clients returned, duplicates dropped
 * @param failedSources the descriptions of the discovery clients that failed, empty if
 * none did
 * @param staleSources the discovery clients that answered with a list they kept but that
 * have not heard from their server lately ({@link SourceFreshness}), with the age of that
 * list; empty if every answer is current
 * @since 0.1.0
 */
public record DiscoveryResult(List<ServiceInstance> configured, List<ServiceInstance> discovered,
		List<String> failedSources, List<StaleSource> staleSources) {

	/**
	 * Create a result in which every answer is current.
	 * @param configured the static instances
	 * @param discovered the instances the discovery clients returned
	 * @param failedSources the descriptions of the discovery clients that failed
	 */
	public DiscoveryResult(List<ServiceInstance> configured, List<ServiceInstance> discovered,
			List<String> failedSources) {
		this(configured, discovered, failedSources, List.of());
	}

	/**
	 * Tell whether the discovered list is not current: some client answered with a list
	 * it kept from before it lost its server. Such a list may be served, marked stale,
	 * but never stored or shared as fresh.
	 * @return {@code true} if some answer is stale
	 */
	public boolean stale() {
		return !this.staleSources.isEmpty();
	}

	/**
	 * Return the age of the oldest stale answer.
	 * @return the age, {@link Duration#ZERO} if every answer is current
	 */
	public Duration staleAge() {
		Duration oldest = Duration.ZERO;
		for (StaleSource source : this.staleSources) {
			oldest = (source.age().compareTo(oldest) > 0) ? source.age() : oldest;
		}
		return oldest;
	}

	/**
	 * Tell whether discovery failed for this service: some client failed and no other
	 * client returned an instance, so the discovered list cannot be trusted to be empty.
	 * @return {@code true} if the discovered instances are unknown rather than none
	 */
	public boolean failed() {
		return !this.failedSources.isEmpty() && this.discovered.isEmpty();
	}

	/**
	 * Return the configured instances followed by the discovered ones, dropping an
	 * instance already listed (same scheme, host and port).
	 * @return the instances
	 */
	public List<ServiceInstance> instances() {
		return join(this.configured, this.discovered);
	}

	/**
	 * Join two lists of instances, dropping from the second those already in the first
	 * (same scheme, host and port).
	 * @param first the instances that come first
	 * @param second the instances that follow
	 * @return the joined list; one of the lists itself when the other is empty
	 */
	public static List<ServiceInstance> join(List<ServiceInstance> first, List<ServiceInstance> second) {
		if (second.isEmpty()) {
			return first;
		}
		if (first.isEmpty()) {
			return second;
		}
		List<ServiceInstance> joined = new ArrayList<>(first.size() + second.size());
		joined.addAll(first);
		joined.addAll(second);
		return withoutDuplicates(joined);
	}

	static List<ServiceInstance> withoutDuplicates(List<ServiceInstance> instances) {
		List<ServiceInstance> unique = new ArrayList<>(instances.size());
		Set<String> seen = new HashSet<>();
		for (ServiceInstance instance : instances) {
			if (seen.add(instance.getScheme() + "://" + instance.getHost() + ":" + instance.getPort())) {
				unique.add(instance);
			}
		}
		return unique;
	}

	/**
	 * A discovery client whose answer was its last known list rather than a current one.
	 *
	 * @param source the description of the client
	 * @param age the time since the client's server last answered
	 */
	public record StaleSource(String source, Duration age) {

	}

}
