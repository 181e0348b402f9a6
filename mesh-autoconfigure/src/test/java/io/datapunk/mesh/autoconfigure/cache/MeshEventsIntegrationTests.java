package io.datapunk.mesh.autoconfigure.cache;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.ServiceInstancesChangedEvent;
import io.datapunk.mesh.internal.resilience.InstanceOutlierState;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.cache.CacheTestContexts;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.spi.MeshEventChannel;
import io.datapunk.mesh.internal.cache.MeshRedis;
import io.datapunk.mesh.internal.cache.CountingDiscoveryClient;
import io.datapunk.mesh.internal.cache.InventoryClient;

/**
 * Mesh events between application contexts sharing a real Redis: ejections and
 * readmissions, changed instance lists, bad events, separate prefixes, and a subscription
 * that survives a Redis restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class MeshEventsIntegrationTests {

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.create();

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	// Long enough for B's 60 calls below to fall inside it on a busy machine.
	private static final Duration EJECTION = Duration.ofSeconds(6);

	private ApplicationContextRunner runner(String prefix) {
		return CacheTestContexts.runner(redis, prefix)
			.withPropertyValues("mesh.services.inventory.instances=" + servers.uris(),
					"mesh.services.inventory.retry.base-backoff=1ms", "mesh.services.inventory.retry.max-backoff=2ms",
					"mesh.services.inventory.outlier-detection.consecutive-failures=1",
					"mesh.services.inventory.outlier-detection.base-ejection-time=" + EJECTION.toMillis() + "ms",
					"mesh.services.inventory.outlier-detection.max-ejection-time=" + EJECTION.toMillis() + "ms",
					"mesh.services.inventory.outlier-detection.panic-threshold=0");
	}

	@Test
	void ejectionInAShouldMakeBAvoidTheInstanceUntilTheEjectionExpires() {
		String prefix = CacheTestContexts.newPrefix();
		TestHttpServer failing = servers.get(2);
		runner(prefix).run((a) -> runner(prefix).run((b) -> {
			awaitSubscribed(a, b);
			failing.respondWith(503);
			InventoryClient inventoryA = CacheTestContexts.inventory(a);
			InventoryClient inventoryB = CacheTestContexts.inventory(b);
			OutlierDetector detectorA = detector(a);
			OutlierDetector detectorB = detector(b);
			while (stateOf(detectorA, failing) == null || !stateOf(detectorA, failing).ejected()) {
				inventoryA.item("1");
			}
			// Ejection times are jittered (up to 10 % shorter): the moment A was seen
			// ejecting is the start, not its end less the ejection time.
			Instant ejectedAt = Instant.now();
			Instant ejectedUntil = stateOf(detectorA, failing).ejectedUntil();
			// How soon B hears it is printed (milliseconds here), not bounded tightly: a
			// busy machine must not fail the test.
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(1))
				.until(() -> stateOf(detectorB, failing) != null && stateOf(detectorB, failing).ejected());
			Duration propagation = Duration.between(ejectedAt, Instant.now());
			// A's end, shortened by B's own jitter (events carry milliseconds). Each side
			// converts between its monotonic clock and the wall clock when it sends,
			// reads
			// and shows the end: a thread descheduled between the two clock reads on a
			// busy
			// machine shifts it by that pause, hence 50 ms either way.
			assertThat(stateOf(detectorB, failing).ejectedUntil())
				.isBetween(ejectedUntil.minus(EJECTION.dividedBy(10)).minusMillis(50), ejectedUntil.plusMillis(50));
			System.out.println("Ejection seen by the other context after " + propagation.toMillis() + " ms");

			failing.reset();
			for (int i = 0; i < 60; i++) {
				assertThat(inventoryB.item("2").get("server")).isIn("one", "two");
			}
			assertThat(failing.hits()).isZero();

			// The ejection ends when it expires, in B as in A, and B calls the instance
			// again.
			failing.respondWith(200);
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
				inventoryB.item("3");
				return failing.hits() > 0;
			});
			assertThat(Instant.now()).isAfterOrEqualTo(ejectedUntil.minus(EJECTION.dividedBy(10)).minusMillis(50));
			assertThat(stateOf(detectorB, failing).ejected()).isFalse();
		}));
	}

	@Test
	void changedInstancesInAShouldMakeBDropItsListAndADeleteTheSharedOne() {
		String prefix = CacheTestContexts.newPrefix();
		CountingDiscoveryClient sourceA = CountingDiscoveryClient.of("inventory", servers);
		CountingDiscoveryClient sourceB = CountingDiscoveryClient.of("inventory", servers);
		CacheTestContexts.runner(redis, prefix, sourceA).run((a) -> {
			CacheTestContexts.runner(redis, prefix, sourceB).run((b) -> {
				awaitSubscribed(a, b);
				a.getBean(MeshDiscovery.class).getInstances("inventory");
				await().atMost(Duration.ofSeconds(30))
					.until(() -> redis.commands().exists(prefix + ":instances:inventory") == 1);
				b.getBean(MeshDiscovery.class).getInstances("inventory");

				List<org.springframework.cloud.client.ServiceInstance> changed = List
					.of(sourceA.getInstances("inventory").get(0));
				sourceA.instances(changed);
				sourceB.instances(changed);
				long start = System.nanoTime();
				a.publishEvent(new ServiceInstancesChangedEvent(this, "inventory", "test"));
				// B looks its list up again at once, in the background; the time it took
				// is printed, not bounded: a busy machine must not fail the test.
				await().atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(2))
					.until(() -> CacheTestContexts.stateOf(b, "inventory") != null
							&& CacheTestContexts.stateOf(b, "inventory").instances() == 1);
				System.out.println("Changed list applied by the other context after "
						+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
				assertThat(b.getBean(MeshDiscovery.class).getInstances("inventory")).hasSize(1);
				// A refreshes its own list in the background too: calls never wait for
				// it.
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(
							() -> assertThat(a.getBean(MeshDiscovery.class).getInstances("inventory")).hasSize(1));
			});
		});
	}

	@Test
	void twoPrefixesShouldNotHearEachOthersEvents() {
		String prefix = CacheTestContexts.newPrefix();
		String otherPrefix = CacheTestContexts.newPrefix();
		TestHttpServer instance = servers.get(0);
		runner(prefix).run((a) -> runner(prefix).run((samePrefix) -> runner(otherPrefix).run((other) -> {
			awaitSubscribed(a, samePrefix);
			awaitSubscribed(other);
			a.getBean(MeshEventChannel.class)
				.publishEjection("inventory", instance.uri(), Instant.now().plusSeconds(5));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> detector(samePrefix).isEjected(CacheTestContexts.instanceOf(instance)));
			Thread.sleep(300);
			assertThat(detector(other).isEjected(CacheTestContexts.instanceOf(instance))).isFalse();
			assertThat(redis.commands().keys(otherPrefix + ":*")).isEmpty();
		})));
	}

	@Test
	void badEventsShouldBeDroppedWithOneLogLineEachAndNeverApplied(CapturedOutput output) {
		String prefix = CacheTestContexts.newPrefix();
		TestHttpServer one = servers.get(0);
		TestHttpServer two = servers.get(1);
		runner(prefix).run((b) -> {
			awaitSubscribed(b);
			long until = Instant.now().plusSeconds(5).toEpochMilli();
			String channel = prefix + ":events";
			String ownOrigin = b.getBean(MeshRedis.class).origin();
			List<String> bad = List.of("not json", "[1,2]",
					event(2, "ejected", "other:1", "inventory", one.uri().toString(), until),
					event(1, "explode", "other:1", "inventory", one.uri().toString(), until),
					event(1, "ejected", "other:1", "../inventory", one.uri().toString(), until),
					event(1, "ejected", "other:1\nforged log line", "inventory", one.uri().toString(), until),
					event(1, "ejected", "other:1", "inventory", "http://user:pw@127.0.0.1:" + one.port(), until),
					event(1, "ejected", "other:1", "inventory", "http://127.0.0.1:" + one.port() + "/admin", until),
					event(1, "ejected", "other:1", "inventory", "file:///etc/passwd", until),
					event(1, "ejected", "other:1", "inventory", "http://127.0.0.1:0", until),
					"{\"v\":1,\"type\":\"ejected\",\"origin\":\"other:1\",\"service\":\"inventory\",\"instance\":\""
							+ one.uri() + "\",\"expires\":" + until + "}",
					"x".repeat(5000));
			for (String message : bad) {
				redis.commands().publish(channel, message);
			}
			// Its own event, as if echoed back: ignored without a word.
			redis.commands().publish(channel, event(1, "ejected", ownOrigin, "inventory", two.uri().toString(), until));
			// A good one after them all, to know they were all heard.
			redis.commands().publish(channel, event(1, "ejected", "other:1", "inventory", one.uri().toString(), until));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> detector(b).isEjected(CacheTestContexts.instanceOf(one)));
			// One warning, and a count of those left out in the next (at most one a
			// minute): a flood of bad events does not flood the log.
			assertThat(output.getAll().lines().filter((line) -> line.contains("Dropped a mesh event"))).hasSize(1);
			assertThat(output.getAll()).doesNotContain("forged log line\n");
			assertThat(detector(b).isEjected(CacheTestContexts.instanceOf(two))).isFalse();
			assertThat(detector(b).snapshot()).extracting(InstanceOutlierState::instance).containsExactly(one.uri());
		});
	}

	@Test
	void subscriptionShouldRecoverByItselfWhenRedisComesBack() throws Exception {
		assumeThat(redis.isOwnProcess()).as("an external Redis cannot be killed").isTrue();
		String prefix = CacheTestContexts.newPrefix();
		TestHttpServer instance = servers.get(1);
		runner(prefix).run((a) -> runner(prefix).run((b) -> {
			awaitSubscribed(a, b);
			redis.kill();
			Thread.sleep(500);
			redis.restart();
			// Published again and again until heard: the subscription must come back
			// first.
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
				a.getBean(MeshEventChannel.class)
					.publishEjection("inventory", instance.uri(), Instant.now().plusSeconds(3));
				return detector(b).isEjected(CacheTestContexts.instanceOf(instance));
			});
		}));
	}

	/**
	 * Wait until each context hears the channel, by publishing a change of instances for
	 * a service nobody calls and counting subscribers.
	 */
	private static void awaitSubscribed(ApplicationContext... contexts) {
		String prefix = contexts[0].getBean(MeshRedis.class).prefix();
		// Events apply only to the instances in a context's current list: each has one,
		// as after a first call.
		for (ApplicationContext context : contexts) {
			context.getBean(MeshDiscovery.class).getInstances("inventory");
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> redis.commands().pubsubNumsub(prefix + ":events").get(prefix + ":events") >= contexts.length
					&& contexts[0].getBean(CachingMeshDiscovery.class).statistics().redisState().equals("available"));
	}

	private static String event(int version, String type, String origin, String service, String instance, long until) {
		return "{\"v\":" + version + ",\"type\":\"" + type + "\",\"origin\":\"" + origin.replace("\n", "\\n")
				+ "\",\"service\":\"" + service + "\",\"instance\":\"" + instance + "\",\"until\":" + until
				+ ",\"expires\":" + until + "}";
	}

	private static OutlierDetector detector(ApplicationContext context) {
		return context.getBean(ResilienceRegistry.class).find("inventory").outlierDetector();
	}

	private static InstanceOutlierState stateOf(OutlierDetector detector, TestHttpServer server) {
		URI uri = server.uri();
		return detector.snapshot().stream().filter((state) -> state.instance().equals(uri)).findFirst().orElse(null);
	}

}
