package io.datapunk.mesh.autoconfigure.cache;

import io.datapunk.mesh.autoconfigure.config.MeshSettingsResolver;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.datapunk.mesh.autoconfigure.config.MeshProperties;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.internal.discovery.StaticDiscoveryClient;
import io.datapunk.mesh.test.FakeTicker;
import io.datapunk.mesh.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import io.datapunk.mesh.autoconfigure.cache.CacheProperties;
import io.datapunk.mesh.internal.cache.CacheClock;
import io.datapunk.mesh.internal.cache.CachedServiceState;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.SharedInstances;
import io.datapunk.mesh.internal.cache.SharedInstancesStore;
import io.datapunk.mesh.internal.cache.TierStatistics;
import io.datapunk.mesh.internal.cache.CountingDiscoveryClient;

/**
 * The two tiers of {@link CachingMeshDiscovery} on a clock of the test's own, with an
 * in-memory shared tier (Redis itself is in the integration tests).
 */
class CachingMeshDiscoveryTests {

	private final MutableClock clock = new MutableClock();

	private final CountingDiscoveryClient source = new CountingDiscoveryClient("inventory",
			List.of(instance("10.0.0.1"), instance("10.0.0.2")));

	private final MemorySharedInstancesStore shared = new MemorySharedInstancesStore();

	private final CacheProperties properties = new CacheProperties();

	/** The shared tier of {@link #cache}: none, unless a test shares. */
	private SharedInstancesStore store = SharedInstancesStore.NONE;

	private CachingMeshDiscovery cache;

	@AfterEach
	void close() {
		if (this.cache != null) {
			this.cache.destroy();
		}
	}

	@Test
	void nearHitShouldNotAskAgainWithinNearTtl() {
		CachingMeshDiscovery cache = cache(this.source);
		assertThat(cache.getInstances("inventory")).hasSize(2);
		this.clock.advance(Duration.ofSeconds(3));
		for (int i = 0; i < 100; i++) {
			assertThat(cache.getInstances("inventory")).hasSize(2);
		}
		assertThat(this.source.calls()).isOne();
		assertThat(cache.statistics().near()).isEqualTo(new TierStatistics(100, 1, 0, 0));
		assertThat(cache.statistics().redis().misses()).isZero();
	}

	@Test
	void listDueForRefreshShouldBeServedAtOnceWhileItIsRefreshedInTheBackground() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountingDiscoveryClient slow = blockedAfterFirstCall(release);
		CachingMeshDiscovery cache = cache(slow);
		List<ServiceInstance> first = cache.getInstances("inventory");
		slow.instances(List.of(instance("10.0.0.3")));
		// Past near-ttl minus refresh-ahead (4s), and even past near-ttl while the
		// refresh
		// hangs: the old list, at once.
		this.clock.advance(Duration.ofMillis(4500));
		// The refresh stays blocked until released below: a call that waited for it
		// would never return, so a generous limit tells waiting from not waiting.
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
			assertThat(cache.getInstances("inventory")).isSameAs(first);
			this.clock.advance(Duration.ofSeconds(2));
			assertThat(cache.getInstances("inventory")).isSameAs(first);
		});
		release.countDown();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> cache.getInstances("inventory").get(0).getHost().equals("10.0.0.3"));
		assertThat(slow.calls()).isEqualTo(2);
	}

	@Test
	void evictionShouldKeepServingTheHeldListUntilTheNewOneIsIn() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountingDiscoveryClient slow = blockedAfterFirstCall(release);
		CachingMeshDiscovery cache = cache(slow);
		List<ServiceInstance> first = cache.getInstances("inventory");
		slow.instances(List.of(instance("10.0.0.3")));
		// A change announced (a Consul watch, another instance's event): no call waits.
		cache.evict("inventory");
		// The refresh stays blocked until released below: a call that waited for it
		// would never return.
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
			for (int i = 0; i < 10; i++) {
				assertThat(cache.getInstances("inventory")).isSameAs(first);
			}
		});
		release.countDown();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> cache.getInstances("inventory").get(0).getHost().equals("10.0.0.3"));
		assertThat(slow.calls()).isEqualTo(2);
	}

	@Test
	void failingSourceShouldServeTheLastKnownListMarkedStaleWithItsAge() {
		CachingMeshDiscovery cache = cache(this.source);
		cache.getInstances("inventory");
		this.source.failing(true);
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(cache.getInstances("inventory")).hasSize(2);
		CachedServiceState state = cache.statistics().services().get(0);
		assertThat(state.stale()).isTrue();
		assertThat(state.age()).isEqualTo(Duration.ofSeconds(6));
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(cache.getInstances("inventory")).hasSize(2);
		assertThat(cache.statistics().services().get(0).age()).isEqualTo(Duration.ofSeconds(12));
		assertThat(cache.statistics().source().staleServes()).isEqualTo(2);
		assertThat(cache.statistics().near().staleServes()).isZero();
		cache.getInstances("inventory");
		assertThat(cache.statistics().near().staleServes()).isOne();
	}

	@Test
	void lastKnownListOlderThanMaxStaleShouldNotBeServed() {
		this.properties.setMaxStale(Duration.ofSeconds(10));
		CachingMeshDiscovery cache = cache(this.source);
		cache.getInstances("inventory");
		this.source.failing(true);
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(cache.getInstances("inventory")).isEmpty();
	}

	@Test
	void failingSourceShouldServeTheSharedListIfNoListIsKnownInTheJvm() {
		this.store = this.shared;
		CachingMeshDiscovery cache = cache(this.source);
		cache.getInstances("inventory");
		CachingMeshDiscovery other = new CachingMeshDiscovery(composite(this.source), this.shared,
				this.properties.toNearCacheSettings(), "other:1", CacheClock.direct(this.clock));
		try {
			this.source.failing(true);
			// Past redis.ttl (30s): not fresh, but the last known list.
			this.clock.advance(Duration.ofSeconds(40));
			assertThat(other.getInstances("inventory")).hasSize(2);
			assertThat(other.statistics().services().get(0).stale()).isTrue();
			assertThat(other.statistics().services().get(0).tier()).isEqualTo("redis");
			assertThat(other.statistics().redis().staleServes()).isOne();
		}
		finally {
			other.destroy();
		}
	}

	@Test
	void freshSharedListShouldNotBeServedWhileTheSourceAnswers() {
		this.store = this.shared;
		CachingMeshDiscovery cache = cache(this.source);
		cache.getInstances("inventory");
		CountingDiscoveryClient otherSource = new CountingDiscoveryClient("inventory", List.of(instance("10.0.0.3")));
		CachingMeshDiscovery other = new CachingMeshDiscovery(composite(otherSource), this.shared,
				this.properties.toNearCacheSettings(), "other:1", CacheClock.direct(this.clock));
		try {
			assertThat(other.getInstances("inventory")).extracting(ServiceInstance::getHost)
				.containsExactly("10.0.0.3");
			assertThat(otherSource.calls()).isOne();
			assertThat(other.statistics().redis().hits()).isZero();
		}
		finally {
			other.destroy();
		}
	}

	@Test
	void sharedListFromAClockFarAheadShouldNotPassForFresh() {
		this.store = this.shared;
		// Another instance, its clock ten minutes ahead, wrote the list.
		this.shared.write(new SharedInstances("inventory", List.of(instance("10.0.0.9")),
				this.clock.instant().plus(Duration.ofMinutes(10)), "consul", "ahead:1"));
		CountingDiscoveryClient otherSource = new CountingDiscoveryClient("inventory", List.of(instance("10.0.0.1")));
		otherSource.failing(true);
		CachingMeshDiscovery cache = cache(otherSource);
		// Not even as a last known list: it claims to be newer than any source saw.
		assertThat(cache.getInstances("inventory")).isEmpty();
		assertThat(otherSource.calls()).isEqualTo(1);
	}

	@Test
	void sharedListFromAClockSlightlyAheadShouldStillServeWhenTheSourceFails() {
		this.store = this.shared;
		this.shared.write(new SharedInstances("inventory", List.of(instance("10.0.0.9")),
				this.clock.instant().plus(Duration.ofSeconds(1)), "consul", "ahead:1"));
		CountingDiscoveryClient otherSource = new CountingDiscoveryClient("inventory", List.of(instance("10.0.0.1")));
		otherSource.failing(true);
		CachingMeshDiscovery cache = cache(otherSource);
		assertThat(cache.getInstances("inventory")).extracting(ServiceInstance::getHost).containsExactly("10.0.0.9");
		assertThat(cache.statistics().services().get(0).age()).isEqualTo(Duration.ZERO);
	}

	@Test
	void staticInstancesShouldBeJoinedInTheJvmButNeverShared() {
		CachingMeshDiscovery cache = new CachingMeshDiscovery(
				new CompositeMeshDiscovery(List.of(staticClient("http://10.0.0.9:8080"), this.source)), this.shared,
				this.properties.toNearCacheSettings(), "me:1", CacheClock.direct(this.clock));
		this.cache = cache;
		assertThat(cache.getInstances("inventory")).extracting(ServiceInstance::getHost)
			.containsExactly("10.0.0.9", "10.0.0.1", "10.0.0.2");
		assertThat(this.shared.values.get("inventory").instances()).extracting(ServiceInstance::getHost)
			.containsExactly("10.0.0.1", "10.0.0.2");
	}

	@Test
	void emptyAnswerShouldNotBeShared() {
		this.store = this.shared;
		CachingMeshDiscovery cache = cache(new CountingDiscoveryClient("inventory", List.of()));
		assertThat(cache.getInstances("inventory")).isEmpty();
		assertThat(this.shared.values).isEmpty();
	}

	@Test
	void evictionShouldFetchTheListAgainInTheBackground() {
		CachingMeshDiscovery cache = cache(this.source);
		cache.getInstances("inventory");
		this.shared.values.clear();
		this.source.instances(List.of(instance("10.0.0.5")));
		cache.evict("inventory");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.source.calls() == 2);
		assertThat(cache.getInstances("inventory")).extracting(ServiceInstance::getHost).containsExactly("10.0.0.5");
	}

	@Test
	void wallClockSteppedBackAnHourShouldNotKeepAListPastNearTtlNorMakeItLookNew() {
		FakeTicker ticker = new FakeTicker();
		this.cache = new CachingMeshDiscovery(composite(this.source), this.store, this.properties.toNearCacheSettings(),
				"me:1", CacheClock.direct(this.clock, ticker));
		this.cache.getInstances("inventory");
		this.clock.advance(Duration.ofHours(-1));
		// Positive control: within near-ttl the list is a hit.
		ticker.advance(Duration.ofSeconds(3));
		this.cache.getInstances("inventory");
		assertThat(this.source.calls()).isOne();
		ticker.advance(Duration.ofSeconds(3));
		this.cache.getInstances("inventory");
		assertThat(this.source.calls()).isEqualTo(2);
		// Ages are monotonic too: a failing source's list grows older as time passes,
		// whatever the wall clock does.
		this.source.failing(true);
		this.clock.advance(Duration.ofHours(-1));
		ticker.advance(Duration.ofSeconds(6));
		this.cache.getInstances("inventory");
		CachedServiceState state = this.cache.statistics().services().get(0);
		assertThat(state.stale()).isTrue();
		assertThat(state.age()).isEqualTo(Duration.ofSeconds(6));
		// The fetch time shown is in wall-clock time.
		assertThat(state.fetchedAt()).isEqualTo(this.clock.instant().minusSeconds(6));
	}

	/** A source of 10.0.0.1 whose calls after the first wait for the latch. */
	private static CountingDiscoveryClient blockedAfterFirstCall(CountDownLatch release) {
		return new CountingDiscoveryClient("inventory", List.of(instance("10.0.0.1"))) {

			@Override
			public List<ServiceInstance> getInstances(String serviceId) {
				if (calls() >= 1) {
					awaitQuietly(release);
				}
				return super.getInstances(serviceId);
			}

		};
	}

	private CachingMeshDiscovery cache(DiscoveryClient client) {
		this.cache = new CachingMeshDiscovery(composite(client), this.store, this.properties.toNearCacheSettings(),
				"me:1", CacheClock.direct(this.clock));
		return this.cache;
	}

	private static CompositeMeshDiscovery composite(DiscoveryClient client) {
		return new CompositeMeshDiscovery(List.of(client));
	}

	private static StaticDiscoveryClient staticClient(String uri) {
		MeshProperties properties = new MeshProperties();
		MeshProperties.Service service = new MeshProperties.Service();
		service.setInstances(List.of(URI.create(uri)));
		properties.getServices().put("inventory", service);
		return new StaticDiscoveryClient(MeshSettingsResolver.resolve(properties, "storefront"));
	}

	private static ServiceInstance instance(String host) {
		return new DefaultServiceInstance(null, "inventory", host, 8080, false);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
