package io.datapunk.mesh.autoconfigure.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.datapunk.mesh.internal.cache.CacheCounters;
import io.datapunk.mesh.internal.cache.SharedInstances;
import io.datapunk.mesh.internal.cache.SharedInstancesStore;

/**
 * A shared tier in memory, keeping what was written, for tests of the cache that need no
 * Redis.
 */
final class MemorySharedInstancesStore implements SharedInstancesStore {

	final Map<String, SharedInstances> values = new ConcurrentHashMap<>();

	@Override
	public SharedInstances read(String serviceId, CacheCounters counters) {
		return this.values.get(serviceId);
	}

	@Override
	public void write(SharedInstances instances) {
		this.values.put(instances.serviceId(), instances);
	}

	@Override
	public void delete(String serviceId) {
		this.values.remove(serviceId);
	}

	@Override
	public boolean isEnabled() {
		return true;
	}

	@Override
	public String state() {
		return "available";
	}

}
