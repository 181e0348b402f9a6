package io.datapunk.mesh.autoconfigure.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.cache.CacheTestContexts;
import io.datapunk.mesh.internal.cache.CachedServiceState;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.DiscoveryCacheStatistics;
import io.datapunk.mesh.internal.cache.CountingDiscoveryClient;
import io.datapunk.mesh.internal.cache.InventoryClient;

/**
 * Two application contexts sharing a real Redis: one fetches, the other reads what it
 * fetched; both serve a known list when the source fails; neither fails a call while
 * Redis is killed; two prefixes do not mix.
 */
class RedisDiscoveryCacheIntegrationTests {

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.create();

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	@Test
	void contextBShouldAskItsOwnSourceAndFallBackToTheListContextAFetchedWhileItsSourceFails() {
		String prefix = CacheTestContexts.newPrefix();
		CountingDiscoveryClient sourceA = CountingDiscoveryClient.of("inventory", servers);
		CountingDiscoveryClient sourceB = CountingDiscoveryClient.of("inventory", servers);
		CacheTestContexts.runner(redis, prefix, sourceA).run((a) -> {
			CacheTestContexts.awaitRedis(a);
			List<ServiceInstance> fetched = a.getBean(MeshDiscovery.class).getInstances("inventory");
			assertThat(fetched).hasSize(3);
			assertThat(sourceA.calls()).isEqualTo(1);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> redis.commands().exists(prefix + ":instances:inventory") == 1);
			// B's own source is down (a cold start during an outage): the shared list is
			// its fallback, served as stale.
			sourceB.failing(true);
			CacheTestContexts.runner(redis, prefix, sourceB).run((b) -> {
				CacheTestContexts.awaitRedis(b);
				List<ServiceInstance> shared = b.getBean(MeshDiscovery.class).getInstances("inventory");
				assertThat(shared).extracting(ServiceInstance::getUri)
					.containsExactlyElementsOf(fetched.stream().map(ServiceInstance::getUri).toList());
				assertThat(sourceB.calls()).isOne();
				for (int i = 0; i < 30; i++) {
					assertThat(CacheTestContexts.inventory(b).item("42")).containsKey("server");
				}
				DiscoveryCacheStatistics statistics = b.getBean(CachingMeshDiscovery.class).statistics();
				// Once, and again by any background refresh while B's source fails.
				assertThat(statistics.redis().hits()).isPositive();
				assertThat(statistics.near().hits()).isGreaterThanOrEqualTo(30);
				assertThat(statistics.source().hits()).isZero();
				CachedServiceState state = CacheTestContexts.stateOf(b, "inventory");
				assertThat(state.tier()).isEqualTo("redis");
				assertThat(state.stale()).isTrue();
				assertThat(state.instances()).isEqualTo(3);
				// B's source answers again: its own list replaces the shared one.
				sourceB.failing(false);
				b.getBean(CachingMeshDiscovery.class).evict("inventory");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> "source".equals(CacheTestContexts.stateOf(b, "inventory").tier()));
			});
		});
	}

	@Test
	void sourceDownShouldLeaveBothContextsServingTheLastListReportedStaleWithItsAge() {
		String prefix = CacheTestContexts.newPrefix();
		CountingDiscoveryClient sourceA = CountingDiscoveryClient.of("inventory", servers);
		CountingDiscoveryClient sourceB = CountingDiscoveryClient.of("inventory", servers);
		String[] shortTimes = { "mesh.cache.near-ttl=200ms", "mesh.cache.refresh-ahead=50ms",
				"mesh.cache.redis.ttl=500ms" };
		CacheTestContexts.runner(redis, prefix, sourceA).withPropertyValues(shortTimes).run((a) -> {
			CacheTestContexts.awaitRedis(a);
			assertThat(CacheTestContexts.inventory(a).item("1")).containsKey("server");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> redis.commands().exists(prefix + ":instances:inventory") == 1);
			CacheTestContexts.runner(redis, prefix, sourceB).withPropertyValues(shortTimes).run((b) -> {
				CacheTestContexts.awaitRedis(b);
				assertThat(CacheTestContexts.inventory(b).item("1")).containsKey("server");
				sourceA.failing(true);
				sourceB.failing(true);
				int callsBefore = sourceA.calls() + sourceB.calls();
				// The sources are asked at the next refresh, fail, and the last list is
				// kept, marked stale.
				await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
					CacheTestContexts.inventory(a).item("2");
					CacheTestContexts.inventory(b).item("2");
					CachedServiceState stateA = CacheTestContexts.stateOf(a, "inventory");
					CachedServiceState stateB = CacheTestContexts.stateOf(b, "inventory");
					return stateA.stale() && stateB.stale();
				});
				assertThat(sourceA.calls() + sourceB.calls()).isGreaterThan(callsBefore);
				for (int i = 0; i < 20; i++) {
					assertThat(CacheTestContexts.inventory(a).item("3")).containsKey("server");
					assertThat(CacheTestContexts.inventory(b).item("3")).containsKey("server");
				}
				CachedServiceState stateA = CacheTestContexts.stateOf(a, "inventory");
				CachedServiceState stateB = CacheTestContexts.stateOf(b, "inventory");
				assertThat(stateA.instances()).isEqualTo(3);
				assertThat(stateB.instances()).isEqualTo(3);
				// The age is that of the last answer, and grows while the sources stay
				// down (the shared list is no longer what makes a list fresh: the sources
				// are asked every near-ttl).
				assertThat(stateA.age()).isPositive();
				await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
					CacheTestContexts.inventory(a).item("3");
					CacheTestContexts.inventory(b).item("3");
					assertThat(CacheTestContexts.stateOf(a, "inventory").age())
						.isGreaterThanOrEqualTo(Duration.ofMillis(500));
					assertThat(CacheTestContexts.stateOf(b, "inventory").age())
						.isGreaterThanOrEqualTo(Duration.ofMillis(500));
				});
				assertThat(a.getBean(CachingMeshDiscovery.class).statistics().near().staleServes()).isPositive();
				assertThat(b.getBean(CachingMeshDiscovery.class).statistics().near().staleServes()).isPositive();

				// Back up: fresh again, not stale.
				sourceA.failing(false);
				sourceB.failing(false);
				await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
					CacheTestContexts.inventory(a).item("4");
					CacheTestContexts.inventory(b).item("4");
					return !CacheTestContexts.stateOf(a, "inventory").stale()
							&& !CacheTestContexts.stateOf(b, "inventory").stale();
				});
			});
		});
	}

	@Test
	void redisKilledUnderSteadyCallsShouldFailNoCallAndTheCacheShouldFillAgainWhenItIsBack() throws Exception {
		assumeThat(redis.isOwnProcess()).as("an external Redis cannot be killed").isTrue();
		String prefix = CacheTestContexts.newPrefix();
		CountingDiscoveryClient sourceA = CountingDiscoveryClient.of("inventory", servers);
		CountingDiscoveryClient sourceB = CountingDiscoveryClient.of("inventory", servers);
		String[] shortTimes = { "mesh.cache.near-ttl=200ms", "mesh.cache.refresh-ahead=100ms",
				"mesh.cache.redis.ttl=300ms", "mesh.cache.redis.timeout=100ms", "mesh.cache.redis.retry-after=300ms" };
		CacheTestContexts.runner(redis, prefix, sourceA).withPropertyValues(shortTimes).run((a) -> {
			CacheTestContexts.awaitRedis(a);
			CacheTestContexts.runner(redis, prefix, sourceB).withPropertyValues(shortTimes).run((b) -> {
				CacheTestContexts.awaitRedis(b);
				AtomicBoolean running = new AtomicBoolean(true);
				AtomicInteger calls = new AtomicInteger();
				AtomicInteger failures = new AtomicInteger();
				AtomicReference<Throwable> firstFailure = new AtomicReference<>();
				AtomicLong slowest = new AtomicLong();
				List<InventoryClient> clients = List.of(CacheTestContexts.inventory(a), CacheTestContexts.inventory(b));
				Thread caller = new Thread(() -> {
					while (running.get()) {
						for (InventoryClient client : clients) {
							long start = System.nanoTime();
							try {
								client.item(Integer.toString(calls.incrementAndGet()));
								slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
							}
							catch (RuntimeException ex) {
								failures.incrementAndGet();
								firstFailure.compareAndSet(null, ex);
							}
						}
					}
				});
				caller.start();
				try {
					await().atMost(Duration.ofSeconds(5))
						.until(() -> redis.commands().exists(prefix + ":instances:inventory") == 1);
					// The first calls of the fresh contexts behind us, time from here on.
					await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() > 200);
					slowest.set(0);
					redis.kill();
					int callsAtKill = calls.get();
					long errorsAtKill = redisErrors(a) + redisErrors(b);
					// Down for several near-ttl periods: refreshes meet a dead Redis.
					await().atMost(Duration.ofSeconds(10))
						.until(() -> redisErrors(a) + redisErrors(b) > errorsAtKill + 4);
					Thread.sleep(1000);
					assertThat(calls.get()).isGreaterThan(callsAtKill + 20);
					redis.restart();
					await().atMost(Duration.ofSeconds(20))
						.pollInterval(Duration.ofMillis(50))
						.until(() -> redis.commands().exists(prefix + ":instances:inventory") == 1);
					await().atMost(Duration.ofSeconds(10))
						.until(() -> "available".equals(a.getBean(CachingMeshDiscovery.class).statistics().redisState())
								&& "available".equals(b.getBean(CachingMeshDiscovery.class).statistics().redisState()));
				}
				finally {
					running.set(false);
					caller.join();
				}
				System.out.println(
						"Redis killed and restarted under steady calls: " + calls.get() + " calls, " + failures.get()
								+ " failed, the slowest " + Duration.ofNanos(slowest.get()).toMillis() + " ms");
				assertThat(failures.get()).as("failed mesh calls, first: %s", firstFailure.get()).isZero();
				assertThat(calls.get()).isGreaterThan(300);
				// Not held up by Redis (its time limit is 100 ms, a dead connection would
				// hold a call for Lettuce's 60 s), whatever a loaded machine adds.
				assertThat(Duration.ofNanos(slowest.get())).isLessThan(Duration.ofSeconds(1));
			});
		});
	}

	@Test
	void slowRedisShouldNotSlowCalls() throws Exception {
		assumeThat(redis.isOwnProcess()).as("DEBUG SLEEP on an external Redis").isTrue();
		String prefix = CacheTestContexts.newPrefix();
		CountingDiscoveryClient source = CountingDiscoveryClient.of("inventory", servers);
		CacheTestContexts.runner(redis, prefix, source)
			.withPropertyValues("mesh.cache.near-ttl=300ms", "mesh.cache.refresh-ahead=150ms",
					"mesh.cache.redis.ttl=300ms", "mesh.cache.redis.timeout=100ms")
			.run((a) -> {
				CacheTestContexts.awaitRedis(a);
				InventoryClient inventory = CacheTestContexts.inventory(a);
				inventory.item("0");
				long errorsBefore = redisErrors(a);
				// Redis answers nobody for 1.5 s, as a blocked or overloaded server
				// would.
				Thread sleeper = new Thread(() -> redis.sleep(1.5));
				long start = System.nanoTime();
				sleeper.start();
				long slowest = 0;
				int calls = 0;
				while (System.nanoTime() - start < Duration.ofMillis(1400).toNanos()) {
					long callStart = System.nanoTime();
					assertThat(inventory.item(Integer.toString(calls++))).containsKey("server");
					slowest = Math.max(slowest, System.nanoTime() - callStart);
				}
				sleeper.join();
				assertThat(redisErrors(a)).as("Redis timed out meanwhile").isGreaterThan(errorsBefore);
				System.out.println("While Redis slept: " + calls + " calls, the slowest "
						+ Duration.ofNanos(slowest).toMillis() + " ms");
				// The calls did not wait for Redis (1.5 s), not even for its time limit
				// (100 ms) except by chance of scheduling on a loaded machine.
				assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(1000));
			});
	}

	@Test
	void redisDownAtStartupShouldNotStopTheApplicationAndShouldBeUsedOnceItIsUp() throws Exception {
		assumeThat(redis.isOwnProcess()).as("an external Redis cannot be killed").isTrue();
		String prefix = CacheTestContexts.newPrefix();
		CountingDiscoveryClient source = CountingDiscoveryClient.of("inventory", servers);
		redis.kill();
		try {
			CacheTestContexts.runner(redis, prefix, source)
				.withPropertyValues("mesh.cache.near-ttl=300ms", "mesh.cache.refresh-ahead=100ms")
				.run((a) -> {
					assertThat(a).hasNotFailed();
					InventoryClient inventory = CacheTestContexts.inventory(a);
					assertThat(inventory.item("1")).containsKey("server");
					assertThat(a.getBean(CachingMeshDiscovery.class).statistics().redisState()).isEqualTo("connecting");
					redis.restart();
					await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
						inventory.item("2");
						return redis.commands().exists(prefix + ":instances:inventory") == 1;
					});
					assertThat(a.getBean(CachingMeshDiscovery.class).statistics().redisState()).isEqualTo("available");
				});
		}
		finally {
			if (!redis.isRunning()) {
				redis.restart();
			}
		}
	}

	@Test
	void twoPrefixesOnOneRedisShouldNotSeeEachOthersKeys() {
		String prefixOne = CacheTestContexts.newPrefix();
		String prefixTwo = CacheTestContexts.newPrefix();
		CountingDiscoveryClient sourceOne = CountingDiscoveryClient.of("inventory", servers);
		CountingDiscoveryClient sourceTwo = CountingDiscoveryClient.of("inventory", servers);
		CacheTestContexts.runner(redis, prefixOne, sourceOne).run((one) -> {
			CacheTestContexts.awaitRedis(one);
			one.getBean(MeshDiscovery.class).getInstances("inventory");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> redis.commands().exists(prefixOne + ":instances:inventory") == 1);
			CacheTestContexts.runner(redis, prefixTwo, sourceTwo).run((two) -> {
				CacheTestContexts.awaitRedis(two);
				two.getBean(MeshDiscovery.class).getInstances("inventory");
				// Not read from the other prefix: its own source was asked.
				assertThat(sourceTwo.calls()).isEqualTo(1);
				assertThat(two.getBean(CachingMeshDiscovery.class).statistics().redis().hits()).isZero();
				await().atMost(Duration.ofSeconds(5))
					.until(() -> redis.commands().exists(prefixTwo + ":instances:inventory") == 1);
				assertThat(redis.commands().keys(prefixOne + ":*")).containsExactly(prefixOne + ":instances:inventory");
				assertThat(redis.commands().keys(prefixTwo + ":*")).containsExactly(prefixTwo + ":instances:inventory");
			});
		});
	}

	private static long redisErrors(org.springframework.context.ApplicationContext context) {
		return context.getBean(CachingMeshDiscovery.class).statistics().redis().errors();
	}

}
