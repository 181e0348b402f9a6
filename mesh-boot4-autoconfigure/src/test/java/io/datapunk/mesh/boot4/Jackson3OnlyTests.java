package io.datapunk.mesh.boot4;

import io.datapunk.mesh.autoconfigure.discovery.consul.ResilientConsulServiceRegistry;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.MeshRedis;
import io.datapunk.mesh.internal.cache.RedisInstancesStore;
import io.datapunk.mesh.internal.cache.RedisMeshEvents;
import io.datapunk.mesh.internal.discovery.consul.ConsulServiceWatches;
import io.datapunk.mesh.internal.support.MeshJson;
import io.datapunk.mesh.test.consul.TestConsul;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot 4 application with Jackson 3 only (Jackson 2's data binding and Gson
 * hidden; Jackson 3 itself uses Jackson 2's annotations, which stay) keeps the Redis tier
 * and the Consul integration: the engine writes and reads its JSON with Jackson 3.
 */
class Jackson3OnlyTests {

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.create();

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	private static final FilteredClassLoader JACKSON_3_ONLY = new FilteredClassLoader("com.fasterxml.jackson.databind",
			"com.fasterxml.jackson.core", "com.google.gson");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(Application.class)
		.withPropertyValues("spring.application.name=storefront")
		.withPropertyValues(redis.springProperties())
		.withPropertyValues(consul.properties());

	@Test
	void redisTierShouldBeOnWithJackson3Only() {
		this.contextRunner.withClassLoader(JACKSON_3_ONLY).run((context) -> {
			assertThat(context).hasSingleBean(MeshRedis.class)
				.hasSingleBean(RedisInstancesStore.class)
				.hasSingleBean(RedisMeshEvents.class);
			assertThat(MeshJson.get().library()).isEqualTo("Jackson 3");
		});
	}

	@Test
	void consulIntegrationShouldBeOnWithJackson3Only() {
		this.contextRunner.withClassLoader(JACKSON_3_ONLY)
			.run((context) -> assertThat(context).hasSingleBean(ConsulServiceWatches.class)
				.hasSingleBean(ResilientConsulServiceRegistry.class));
	}

	@Test
	void redisTierShouldBeOffWithoutAnyJackson() {
		this.contextRunner.withClassLoader(JACKSON_3_ONLY)
			.run((context) -> assertThat(context).hasSingleBean(RedisMeshEvents.class));
		this.contextRunner
			.withClassLoader(new FilteredClassLoader("com.fasterxml.jackson.databind", "tools.jackson.databind"))
			.run((context) -> assertThat(context).hasSingleBean(CachingMeshDiscovery.class)
				.doesNotHaveBean(RedisMeshEvents.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
