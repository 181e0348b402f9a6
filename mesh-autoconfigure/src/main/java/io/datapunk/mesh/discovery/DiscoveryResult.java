package io.datapunk.mesh.discovery;

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
 * @since 0.1.0
 */
public record DiscoveryResult(List<ServiceInstance> configured, List<ServiceInstance> discovered,
		List<String> failedSources) {

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

}
