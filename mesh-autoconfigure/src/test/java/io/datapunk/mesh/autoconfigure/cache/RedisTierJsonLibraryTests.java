package io.datapunk.mesh.autoconfigure.cache;

import java.time.Duration;

import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.CountingDiscoveryClient;
import io.datapunk.mesh.internal.cache.MeshRedis;
import io.datapunk.mesh.internal.cache.RedisMeshEvents;
import io.datapunk.mesh.internal.support.MeshJson;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis tier on Spring Boot 3.5 needs Jackson 2 only (Jackson 3 hidden, as in a 3.5
 * application), and stays off, rather than failing, with no Jackson at all.
 */
class RedisTierJsonLibraryTests {

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.create();

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two");

	@Test
	void listShouldBeSharedThroughRedisWithJackson2Only() {
		// The engine picks its library with its own class loader, which the filter below
		// does not reach: this is the 3.5 line's case, where Jackson 3 is not there at
		// all (Jackson3OnlyTests covers the Boot 4 line).
		assumeThat(ClassUtils.isPresent("tools.jackson.databind.ObjectMapper", null))
			.as("an application class path without Jackson 3")
			.isFalse();
		String prefix = CacheTestContexts.newPrefix();
		CacheTestContexts.runner(redis, prefix, CountingDiscoveryClient.of("inventory", servers))
			.withClassLoader(new FilteredClassLoader("tools.jackson"))
			.run((context) -> {
				assertThat(context).hasSingleBean(MeshRedis.class).hasSingleBean(RedisMeshEvents.class);
				assertThat(MeshJson.get().library()).isEqualTo("Jackson 2");
				CacheTestContexts.awaitRedis(context);
				assertThat(context.getBean(MeshDiscovery.class).getInstances("inventory")).hasSize(2);
				await().atMost(Duration.ofSeconds(30))
					.until(() -> redis.commands().exists(prefix + ":instances:inventory") == 1);
				assertThat(redis.commands().get(prefix + ":instances:inventory")).contains("{\"v\":1,");
			});
	}

	@Test
	void redisTierShouldBeOffWithoutAnyJackson() {
		String prefix = CacheTestContexts.newPrefix();
		CacheTestContexts.runner(redis, prefix)
			.withClassLoader(new FilteredClassLoader("tools.jackson"))
			.run((context) -> assertThat(context).hasSingleBean(MeshRedis.class));
		CacheTestContexts.runner(redis, prefix)
			.withClassLoader(new FilteredClassLoader("tools.jackson", "com.fasterxml.jackson.databind"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CachingMeshDiscovery.class)
				.doesNotHaveBean(MeshRedis.class)
				.doesNotHaveBean(RedisMeshEvents.class));
	}

}
