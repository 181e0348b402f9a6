package io.datapunk.mesh.autoconfigure.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.internal.cache.SharedInstances;
import io.datapunk.mesh.internal.cache.InstancesCodec;
import io.datapunk.mesh.internal.cache.InventoryClient;
import io.datapunk.mesh.internal.cache.CountingDiscoveryClient;

/**
 * A list that a foreign writer SET in Redis, pointing at an "attacker" server: it never
 * outranks this application's own source, is refused outright with a signing key, and
 * never turns a secure instance into a plain-http one.
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedListTrustIntegrationTests {

	private static final String KEY = "a-shared-secret-of-the-fleet-0123456789";

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.create();

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("real", "attacker");

	private static final String[] SHORT_TIMES = { "mesh.cache.near-ttl=200ms", "mesh.cache.refresh-ahead=50ms",
			"mesh.cache.redis.ttl=30s",
			// Generous: a cold JVM on a loaded machine must not skip Redis by its time
			// limit.
			"mesh.cache.redis.timeout=3s" };

	@Test
	void foreignListShouldGetNoRequestWhileTheSourceAnswers() {
		String prefix = CacheTestContexts.newPrefix();
		TestHttpServer real = servers.get(0);
		TestHttpServer attacker = servers.get(1);
		CountingDiscoveryClient source = new CountingDiscoveryClient("inventory", List.of(instanceOf(real, false)));
		writeForeignList(prefix, attacker, false);
		CacheTestContexts.runner(redis, prefix, source).withPropertyValues(SHORT_TIMES).run((context) -> {
			CacheTestContexts.awaitRedis(context);
			InventoryClient inventory = CacheTestContexts.inventory(context);
			for (int i = 0; i < 20; i++) {
				assertThat(inventory.item(Integer.toString(i))).containsEntry("server", "real");
			}
			// Positive control: the attacker's server is up and answers whoever calls it.
			assertThat(real.hits()).isEqualTo(20);
			assertThat(attacker.hits()).isZero();
		});
	}

	@Test
	void foreignListShouldBeUsedWithoutAKeyWhenTheSourceIsDownButNeverWithAKey(CapturedOutput output) {
		String prefix = CacheTestContexts.newPrefix();
		TestHttpServer attacker = servers.get(1);
		CountingDiscoveryClient source = new CountingDiscoveryClient("inventory",
				List.of(instanceOf(servers.get(0), false)));
		source.failing(true);
		writeForeignList(prefix, attacker, false);
		// Positive control: without a key, write access to Redis is enough to redirect
		// calls while the source is down (as the README says).
		CacheTestContexts.runner(redis, prefix, source).withPropertyValues(SHORT_TIMES).run((context) -> {
			CacheTestContexts.awaitRedis(context);
			assertThat(CacheTestContexts.inventory(context).item("1")).containsEntry("server", "attacker");
		});
		assertThat(attacker.hits()).isEqualTo(1);
		attacker.reset();
		CacheTestContexts.runner(redis, prefix, source)
			.withPropertyValues(SHORT_TIMES)
			.withPropertyValues("mesh.cache.redis.signing-key=" + KEY)
			.run((context) -> {
				CacheTestContexts.awaitRedis(context);
				MeshDiscovery discovery = context.getBean(MeshDiscovery.class);
				for (int i = 0; i < 20; i++) {
					assertThat(discovery.getInstances("inventory")).isEmpty();
					Thread.sleep(20);
				}
				assertThat(attacker.hits()).isZero();
				await().atMost(Duration.ofSeconds(5))
					.until(() -> output.getAll().contains("Ignored the instances of 'inventory' in Redis"));
			});
		assertThat(output.getAll()).doesNotContain(KEY);
	}

	@Test
	void listSignedByAnotherApplicationWithTheKeyShouldServeWhenTheSourceIsDown() {
		String prefix = CacheTestContexts.newPrefix();
		TestHttpServer real = servers.get(0);
		CountingDiscoveryClient sourceA = new CountingDiscoveryClient("inventory", List.of(instanceOf(real, false)));
		CountingDiscoveryClient sourceB = new CountingDiscoveryClient("inventory", List.of(instanceOf(real, false)));
		sourceB.failing(true);
		String[] signed = { "mesh.cache.redis.signing-key=" + KEY };
		CacheTestContexts.runner(redis, prefix, sourceA).withPropertyValues(signed).run((a) -> {
			CacheTestContexts.awaitRedis(a);
			a.getBean(MeshDiscovery.class).getInstances("inventory");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> redis.commands().exists(prefix + ":instances:inventory") == 1);
			assertThat(redis.commands().get(prefix + ":instances:inventory")).contains("\"sig\":");
			CacheTestContexts.runner(redis, prefix, sourceB).withPropertyValues(signed).run((b) -> {
				CacheTestContexts.awaitRedis(b);
				assertThat(CacheTestContexts.inventory(b).item("1")).containsEntry("server", "real");
				assertThat(CacheTestContexts.stateOf(b, "inventory").tier()).isEqualTo("redis");
			});
		});
	}

	@Test
	void secureInstanceShouldNeverBeMadePlainHttpByASharedList() {
		String prefix = CacheTestContexts.newPrefix();
		TestHttpServer real = servers.get(0);
		CountingDiscoveryClient source = new CountingDiscoveryClient("inventory", List.of(instanceOf(real, true)));
		// The same address, said to be plain http.
		writeForeignList(prefix, real, false);
		CacheTestContexts.runner(redis, prefix, source).withPropertyValues(SHORT_TIMES).run((context) -> {
			CacheTestContexts.awaitRedis(context);
			MeshDiscovery discovery = context.getBean(MeshDiscovery.class);
			assertThat(discovery.getInstances("inventory")).singleElement()
				.satisfies((instance) -> assertThat(instance.isSecure()).isTrue());
			// The source fails: the last list it gave is kept, not the shared one.
			source.failing(true);
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
				discovery.getInstances("inventory");
				return CacheTestContexts.stateOf(context, "inventory").stale();
			});
			for (int i = 0; i < 10; i++) {
				assertThat(discovery.getInstances("inventory")).singleElement()
					.satisfies((instance) -> assertThat(instance.isSecure()).isTrue());
				Thread.sleep(30);
			}
			assertThat(real.hits()).as("plain http requests").isZero();
		});
	}

	private static void writeForeignList(String prefix, TestHttpServer server, boolean secure) {
		String json = new InstancesCodec().encode(new SharedInstances("inventory", List.of(instanceOf(server, secure)),
				java.time.Instant.now(), "consul", "intruder:1"));
		redis.commands().set(prefix + ":instances:inventory", json);
	}

	private static ServiceInstance instanceOf(TestHttpServer server, boolean secure) {
		return new DefaultServiceInstance("inventory-" + server.name(), "inventory", "127.0.0.1", server.port(), secure,
				Map.of());
	}

}
