package io.datapunk.mesh.autoconfigure.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.cache.CacheProperties;
import io.datapunk.mesh.internal.cache.CacheClock;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.SharedInstancesStore;

/**
 * The cache's background refreshes are isolated per service: sources that hang for some
 * services never delay the refresh of another, and a source that throws an {@link Error}
 * counts as a failed source, after which the cache recovers.
 */
class CacheRefreshIsolationTests {

	private final MutableClock clock = new MutableClock();

	private final HangingDiscoveryClient source = new HangingDiscoveryClient();

	private CachingMeshDiscovery cache;

	@AfterEach
	void close() {
		this.source.release.countDown();
		if (this.cache != null) {
			this.cache.destroy();
		}
	}

	@Test
	void twoServicesWhoseSourcesHangShouldNotDelayTheRefreshOfAThird() {
		CachingMeshDiscovery cache = cache();
		for (String service : List.of("alpha", "beta", "gamma")) {
			assertThat(cache.getInstances(service)).hasSize(1);
		}
		this.source.hanging.addAll(Set.of("alpha", "beta"));
		// Past near-ttl minus refresh-ahead: each call starts its service's refresh.
		this.clock.advance(Duration.ofMillis(4500));
		cache.getInstances("alpha");
		cache.getInstances("beta");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.source.hung.get() == 2);
		cache.getInstances("gamma");
		await().atMost(Duration.ofSeconds(20)).until(() -> this.source.calls("gamma") == 2);
		// The hung refreshes are still under way, one each (none started again).
		cache.getInstances("alpha");
		assertThat(this.source.hung.get()).isEqualTo(2);
	}

	@Test
	void sourceThrowingAnErrorShouldCountAsFailedAndTheCacheRecover() {
		CachingMeshDiscovery cache = cache();
		assertThat(cache.getInstances("alpha")).hasSize(1);
		this.source.error = true;
		// Past near-ttl: the call looks the list up itself, and the source throws.
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(cache.getInstances("alpha")).hasSize(1);
		assertThat(cache.statistics().services()).singleElement()
			.satisfies((state) -> assertThat(state.stale()).isTrue());
		this.source.error = false;
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(cache.getInstances("alpha")).hasSize(1);
		assertThat(cache.statistics().services()).singleElement()
			.satisfies((state) -> assertThat(state.stale()).isFalse());
		assertThat(this.source.calls("alpha")).isEqualTo(3);
	}

	private CachingMeshDiscovery cache() {
		this.cache = new CachingMeshDiscovery(new CompositeMeshDiscovery(List.of(this.source)),
				SharedInstancesStore.NONE, new CacheProperties().toNearCacheSettings(), "test",
				CacheClock.direct(this.clock));
		return this.cache;
	}

	/**
	 * Knows one instance of every service; hangs (ignoring interrupts, as a badly written
	 * client would) for the services in {@link #hanging}, or throws an Error.
	 */
	static final class HangingDiscoveryClient implements DiscoveryClient {

		final Set<String> hanging = ConcurrentHashMap.newKeySet();

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger hung = new AtomicInteger();

		final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

		volatile boolean error;

		int calls(String serviceId) {
			return this.calls.computeIfAbsent(serviceId, (id) -> new AtomicInteger()).get();
		}

		@Override
		public String description() {
			return "hanging discovery";
		}

		@Override
		public List<ServiceInstance> getInstances(String serviceId) {
			this.calls.computeIfAbsent(serviceId, (id) -> new AtomicInteger()).incrementAndGet();
			if (this.error) {
				throw new NoClassDefFoundError("com/example/MissingDependency");
			}
			if (this.hanging.contains(serviceId)) {
				this.hung.incrementAndGet();
				while (this.release.getCount() > 0) {
					try {
						this.release.await();
					}
					catch (InterruptedException ex) {
						// Ignored: this source hangs for good.
					}
				}
			}
			return List.of(new DefaultServiceInstance(serviceId + "-1", serviceId, "10.0.0.1", 8080, false));
		}

		@Override
		public List<String> getServices() {
			return List.of();
		}

	}

}
