package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.DiscoveryCacheStatistics;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.consul.TestConsul;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A Consul watch answer is pushed: the new list reaches the near cache (what the next
 * pick reads) without a lookup through the sources and without a Redis read, and a Redis
 * that hangs never holds the watch thread.
 */
class ConsulPushedListIntegrationTests {

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.create();

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	@Test
	void watchAnswerShouldReachTheNextPickWithoutASourceLookupOrARedisRead() {
		consul.client().registerPassing("inventory", "inventory-1", servers.get(0).port(), Map.of());
		// A Redis time limit a busy machine cannot overrun: a timed-out Redis command
		// would mark Redis unavailable for 5 s and fail the positive control below.
		try (ConfigurableApplicationContext app = ConsulTestApplications.client(consul, properties("5s"))) {
			MeshDiscovery discovery = app.getBean(MeshDiscovery.class);
			CachingMeshDiscovery cache = app.getBean(CachingMeshDiscovery.class);
			// Positive control: the first pick looks the service up through the sources.
			await().atMost(Duration.ofSeconds(20))
				.until(() -> discovery.getInstances("inventory").size() == 1
						&& "available".equals(cache.statistics().redisState()));
			DiscoveryCacheStatistics before = cache.statistics();
			assertThat(before.source().hits()).as("lookups through the sources").isPositive();
			long getsBefore = redisCalls("get");
			long setsBefore = redisCalls("set");

			consul.client().registerPassing("inventory", "inventory-2", servers.get(1).port(), Map.of());

			await().atMost(Duration.ofSeconds(20)).until(() -> ports(cache.peek("inventory")).size() == 2);
			assertThat(ports(discovery.getInstances("inventory"))).containsExactlyInAnyOrder(servers.get(0).port(),
					servers.get(1).port());
			// The pushed list is shared in the background (positive control for the
			// Redis counts below).
			await().atMost(Duration.ofSeconds(20)).until(() -> redisCalls("set") > setsBefore);
			DiscoveryCacheStatistics after = cache.statistics();
			assertThat(after.source().hits()).as("lookups through the sources").isEqualTo(before.source().hits());
			assertThat(after.near().misses()).as("near misses").isEqualTo(before.near().misses());
			assertThat(after.redis().hits() + after.redis().misses()).as("Redis reads of the cache")
				.isEqualTo(before.redis().hits() + before.redis().misses());
			assertThat(redisCalls("get")).as("GETs Redis served").isEqualTo(getsBefore);
		}
		finally {
			consul.client().deregister("inventory-2");
			consul.client().deregister("inventory-1");
		}
	}

	@Test
	void hangingRedisShouldNotDelayTheWatchsNextQuery() throws Exception {
		assumeThat(redis.isOwnProcess()).as("DEBUG SLEEP on an external Redis").isTrue();
		consul.client().registerPassing("inventory", "inventory-1", servers.get(0).port(), Map.of());
		// A Redis time limit long enough that a watch thread waiting on Redis would see
		// the sleep through before it sends its next query.
		try (ConfigurableApplicationContext app = ConsulTestApplications.client(consul, properties("4s"))) {
			MeshDiscovery discovery = app.getBean(MeshDiscovery.class);
			CachingMeshDiscovery cache = app.getBean(CachingMeshDiscovery.class);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> discovery.getInstances("inventory").size() == 1
						&& "available".equals(cache.statistics().redisState()));
			// Redis answers nobody for 4.5 s (the test client waits 5 s at most), as a
			// blocked or overloaded server would.
			Thread sleeper = new Thread(() -> redis.sleep(4.5));
			sleeper.start();
			Thread.sleep(200);
			long start = System.nanoTime();
			consul.client().registerPassing("inventory", "inventory-2", servers.get(1).port(), Map.of());
			await().atMost(Duration.ofSeconds(30)).until(() -> ports(cache.peek("inventory")).size() == 2);
			consul.client().registerPassing("inventory", "inventory-3", servers.get(2).port(), Map.of());
			await().atMost(Duration.ofSeconds(30)).until(() -> ports(cache.peek("inventory")).size() == 3);
			boolean redisStillAsleep = sleeper.isAlive();
			System.out.println("Two watch answers pushed in " + Duration.ofNanos(System.nanoTime() - start).toMillis()
					+ " ms while Redis slept");
			sleeper.join();
			assertThat(redisStillAsleep).as("both changes arrived while Redis still slept").isTrue();
		}
		finally {
			consul.client().deregister("inventory-3");
			consul.client().deregister("inventory-2");
			consul.client().deregister("inventory-1");
		}
	}

	private static String[] properties(String redisTimeout) {
		List<String> properties = new ArrayList<>(List.of(redis.springProperties()));
		// The test applications leave Redis out unless told otherwise.
		properties.add("spring.autoconfigure.exclude=");
		properties.add("mesh.services.inventory.read-timeout=2s");
		// No refresh by time to live during the test: only a push changes the list.
		properties.add("mesh.cache.near-ttl=10m");
		properties.add("mesh.cache.refresh-ahead=1s");
		properties.add("mesh.cache.redis.timeout=" + redisTimeout);
		return properties.toArray(String[]::new);
	}

	private static List<Integer> ports(List<ServiceInstance> instances) {
		return (instances != null) ? instances.stream().map(ServiceInstance::getPort).toList() : List.of();
	}

	private static long redisCalls(String command) {
		String stats = redis.commands().info("commandstats");
		for (String line : stats.split("\r?\n")) {
			if (line.startsWith("cmdstat_" + command + ":calls=")) {
				String calls = line.substring(line.indexOf('=') + 1);
				return Long.parseLong(calls.substring(0, calls.indexOf(',')));
			}
		}
		return 0;
	}

}
