package io.datapunk.mesh.internal.cache;

import java.util.List;

/**
 * A snapshot of the discovery cache: counts per tier and the state of every cached
 * service, for status endpoints. Holds no secret: the Redis state is a word, never a
 * connection detail.
 *
 * @param near the tier in the JVM
 * @param redis the Redis tier
 * @param source the discovery sources behind both
 * @param redisState {@code disabled}, {@code available} or {@code unavailable} (left
 * alone after failures)
 * @param services the cached services, by name
 * @since 0.1.0
 */
public record DiscoveryCacheStatistics(TierStatistics near, TierStatistics redis, TierStatistics source,
		String redisState, List<CachedServiceState> services) {

}
