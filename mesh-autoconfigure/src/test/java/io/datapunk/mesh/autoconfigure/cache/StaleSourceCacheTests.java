package io.datapunk.mesh.autoconfigure.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.internal.discovery.SourceFreshness;
import io.datapunk.mesh.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.autoconfigure.cache.CacheProperties;
import io.datapunk.mesh.internal.cache.CacheClock;
import io.datapunk.mesh.internal.cache.CacheCounters;
import io.datapunk.mesh.internal.cache.CachedServiceState;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.SharedInstances;
import io.datapunk.mesh.internal.cache.SharedInstancesStore;

/**
 * A source that answers from memory after losing its server ({@link SourceFreshness})
 * gives a stale list: the cache serves it marked stale, with the time the server last
 * answered as its fetch time, never shares it as fresh, and stops serving it after
 * {@code max-stale}.
 */
class StaleSourceCacheTests {

	private final MutableClock clock = new MutableClock();

	private final RememberingSource source = new RememberingSource();

	private final List<SharedInstances> written = new CopyOnWriteArrayList<>();

	private CachingMeshDiscovery cache;

	@AfterEach
	void close() {
		if (this.cache != null) {
			this.cache.destroy();
		}
	}

	@Test
	void listOfASourceThatLostItsServerShouldBeStaleWithItsAgeAndNeverSharedAsFresh() {
		CacheProperties properties = new CacheProperties();
		properties.setMaxStale(Duration.ofMinutes(1));
		CachingMeshDiscovery cache = cache(properties);
		assertThat(cache.getInstances("inventory")).hasSize(1);
		// Positive control: a current answer is shared, with the time it was fetched.
		assertThat(this.written).singleElement()
			.satisfies((shared) -> assertThat(shared.fetchedAt()).isEqualTo(this.clock.instant()));
		assertThat(state(cache).stale()).isFalse();
		this.source.staleFor = Duration.ofSeconds(20);
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(cache.getInstances("inventory")).hasSize(1);
		CachedServiceState state = state(cache);
		assertThat(state.stale()).isTrue();
		assertThat(state.fetchedAt()).isEqualTo(this.clock.instant().minusSeconds(20));
		assertThat(state.age()).isEqualTo(Duration.ofSeconds(20));
		assertThat(this.written).hasSize(1);
		// Past max-stale (1 min) since the server last answered: no longer served.
		this.clock.advance(Duration.ofSeconds(41));
		this.source.staleFor = Duration.ofSeconds(61);
		assertThat(cache.getInstances("inventory")).isEmpty();
		assertThat(this.written).hasSize(1);
		// The server answers again: fresh, and shared.
		this.source.staleFor = null;
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(cache.getInstances("inventory")).hasSize(1);
		assertThat(state(cache).stale()).isFalse();
		assertThat(this.written).hasSize(2);
	}

	private CachingMeshDiscovery cache(CacheProperties properties) {
		SharedInstancesStore store = new SharedInstancesStore() {

			final Map<String, SharedInstances> values = new ConcurrentHashMap<>();

			@Override
			public SharedInstances read(String serviceId, CacheCounters counters) {
				// Never fresh enough to skip the source: the test is about the source.
				return null;
			}

			@Override
			public void write(SharedInstances instances) {
				StaleSourceCacheTests.this.written.add(instances);
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

		};
		this.cache = new CachingMeshDiscovery(new CompositeMeshDiscovery(List.of(this.source)), store,
				properties.toNearCacheSettings(), "test", CacheClock.direct(this.clock));
		return this.cache;
	}

	private static CachedServiceState state(CachingMeshDiscovery cache) {
		return cache.statistics().services().get(0);
	}

	/** Always returns its one instance; says how long its server has been silent. */
	static final class RememberingSource implements DiscoveryClient, SourceFreshness {

		volatile Duration staleFor;

		@Override
		public String description() {
			return "remembering source";
		}

		@Override
		public List<ServiceInstance> getInstances(String serviceId) {
			return List.of(new DefaultServiceInstance("inventory-1", serviceId, "10.0.0.1", 8080, false));
		}

		@Override
		public List<String> getServices() {
			return List.of("inventory");
		}

		@Override
		public Duration staleFor(String serviceId) {
			return this.staleFor;
		}

	}

}
