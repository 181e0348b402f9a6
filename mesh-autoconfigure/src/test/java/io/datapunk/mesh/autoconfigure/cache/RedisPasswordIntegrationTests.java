package io.datapunk.mesh.autoconfigure.cache;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.MeshRedis;
import io.datapunk.mesh.internal.cache.CountingDiscoveryClient;

/**
 * A Redis that requires a password: with Spring Boot's {@code spring.data.redis.password}
 * the tier works; with a wrong one the mesh goes on without Redis; neither password
 * appears in the logs or in what a status endpoint would show.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisPasswordIntegrationTests {

	private static final String PASSWORD = "pw-" + UUID.randomUUID();

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.withPassword(PASSWORD);

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two");

	@Test
	void passwordProtectedRedisShouldWorkAndThePasswordShouldAppearNowhere(CapturedOutput output) throws Exception {
		assumeThat(redis.password()).as("an external Redis without a password").isNotNull();
		String prefix = CacheTestContexts.newPrefix();
		CountingDiscoveryClient sourceA = CountingDiscoveryClient.of("inventory", servers);
		CountingDiscoveryClient sourceB = CountingDiscoveryClient.of("inventory", servers);
		CountingDiscoveryClient sourceC = CountingDiscoveryClient.of("inventory", servers);
		String wrongPassword = "wrong-" + UUID.randomUUID();
		ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
		CacheTestContexts.runner(redis, prefix, sourceA).run((a) -> {
			CacheTestContexts.awaitRedis(a);
			assertThat(CacheTestContexts.inventory(a).item("1")).containsKey("server");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> redis.commands().exists(prefix + ":instances:inventory") == 1);
			// B's own source is down: the shared list is its fallback.
			sourceB.failing(true);
			CacheTestContexts.runner(redis, prefix, sourceB).run((b) -> {
				CacheTestContexts.awaitRedis(b);
				assertThat(b.getBean(MeshDiscovery.class).getInstances("inventory")).hasSize(2);
				assertThat(CacheTestContexts.stateOf(b, "inventory").tier()).isEqualTo("redis");
				String statistics = b.getBean(CachingMeshDiscovery.class).statistics().toString()
						+ json.writeValueAsString(b.getBean(CachingMeshDiscovery.class).statistics())
						+ b.getBean(MeshRedis.class);
				assertThat(statistics).doesNotContain(PASSWORD);
			});
			CacheTestContexts.runner(redis, prefix, sourceC)
				.withPropertyValues("spring.data.redis.password=" + wrongPassword)
				.run((c) -> {
					await().atMost(Duration.ofSeconds(10))
						.until(() -> output.getAll().contains("Redis does not answer"));
					for (int i = 0; i < 20; i++) {
						assertThat(CacheTestContexts.inventory(c).item("2")).containsKey("server");
					}
					// Refused by Redis: the source served.
					assertThat(sourceC.calls()).isEqualTo(1);
					String statistics = c.getBean(CachingMeshDiscovery.class).statistics().toString()
							+ json.writeValueAsString(c.getBean(CachingMeshDiscovery.class).statistics());
					assertThat(statistics).doesNotContain(wrongPassword).contains("connecting");
				});
		});
		assertThat(output.getAll()).contains("WRONGPASS").doesNotContain(PASSWORD).doesNotContain(wrongPassword);
	}

}
