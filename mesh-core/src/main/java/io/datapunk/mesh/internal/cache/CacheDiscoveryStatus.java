package io.datapunk.mesh.internal.cache;

import java.util.LinkedHashMap;
import java.util.Map;

import io.datapunk.mesh.internal.discovery.DiscoveryStatusSource;

/**
 * The discovery cache's part of the mesh's status: hits, misses, stale serves and errors
 * per tier, the state of Redis (a word, never a connection detail), and every cached
 * service with its tier, source, fetch time, age and staleness.
 *
 * @author datapunk mesh team
 */
public class CacheDiscoveryStatus implements DiscoveryStatusSource {

	private final CachingMeshDiscovery cache;

	public CacheDiscoveryStatus(CachingMeshDiscovery cache) {
		this.cache = cache;
	}

	@Override
	public String statusName() {
		return "cache";
	}

	@Override
	public Map<String, Object> status() {
		DiscoveryCacheStatistics statistics = this.cache.statistics();
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("near", statistics.near());
		status.put("redis", statistics.redis());
		status.put("source", statistics.source());
		status.put("redisState", statistics.redisState());
		status.put("services", statistics.services());
		return status;
	}

}
