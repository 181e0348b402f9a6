package io.datapunk.mesh.autoconfigure.cache;

import java.time.Duration;
import java.util.UUID;

import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.awaitility.Awaitility;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ApplicationContext;
import io.datapunk.mesh.internal.cache.CachedServiceState;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.InventoryClient;

/**
 * Application contexts of a mesh client with the discovery cache and Spring Boot's Redis
 * auto-configuration, connected to a test Redis.
 */
public final class CacheTestContexts {

	private CacheTestContexts() {
	}

	public static String newPrefix() {
		return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	static ApplicationContextRunner runner(TestRedisServer redis, String prefix) {
		return new ApplicationContextRunner().withConfiguration(MeshTestAutoConfigurations.meshClient())
			.withConfiguration(MeshTestAutoConfigurations.redis())
			.withPropertyValues(redis.springProperties())
			.withPropertyValues("spring.application.name=storefront", "mesh.cache.redis.prefix=" + prefix)
			// A Redis time limit a busy machine cannot overrun (the default is 250 ms): a
			// command that timed out would mark Redis unavailable for seconds and leave a
			// list unshared. The tests of slow Redis set their own, shorter one.
			.withPropertyValues("mesh.cache.redis.timeout=5s");
	}

	static ApplicationContextRunner runner(TestRedisServer redis, String prefix, DiscoveryClient discovery) {
		return runner(redis, prefix).withBean("countingDiscoveryClient", DiscoveryClient.class, () -> discovery);
	}

	/**
	 * Wait until a context has made its first connection to Redis, made in the background
	 * at startup; until then it does not use Redis at all.
	 */
	static void awaitRedis(ApplicationContext context) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> "available".equals(context.getBean(CachingMeshDiscovery.class).statistics().redisState()));
	}

	public static InventoryClient inventory(ApplicationContext context) {
		return context.getBean(MeshClientFactory.class).createClient(InventoryClient.class, "inventory");
	}

	public static ServiceInstance instanceOf(TestHttpServer server) {
		return new DefaultServiceInstance(null, "inventory", server.uri().getHost(), server.port(), false);
	}

	static CachedServiceState stateOf(ApplicationContext context, String serviceId) {
		return context.getBean(CachingMeshDiscovery.class)
			.statistics()
			.services()
			.stream()
			.filter((state) -> state.serviceId().equals(serviceId))
			.findFirst()
			.orElse(null);
	}

}
