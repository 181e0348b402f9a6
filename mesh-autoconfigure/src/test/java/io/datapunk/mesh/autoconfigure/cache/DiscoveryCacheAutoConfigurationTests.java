package io.datapunk.mesh.autoconfigure.cache;

import java.net.URI;
import java.time.Instant;

import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.FreePorts;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.cache.RedisMeshEvents;
import io.datapunk.mesh.spi.MeshEventChannel;
import io.datapunk.mesh.internal.cache.RedisInstancesStore;
import io.datapunk.mesh.spi.RemoteEjectionListener;
import io.datapunk.mesh.internal.cache.RedisConnector;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.MeshRedis;

/**
 * Wiring of the discovery cache: on by default, with Redis only when a connection factory
 * exists, switched off by its properties, backing off for the application's own beans.
 */
class DiscoveryCacheAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withPropertyValues("mesh.services.inventory.instances=http://10.0.0.1:8080");

	/** Spring Boot's Redis auto-configuration, its server down. */
	private final ApplicationContextRunner withRedis = this.contextRunner
		.withConfiguration(MeshTestAutoConfigurations.redis())
		.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + FreePorts.closedPort());

	@Test
	void runWithoutRedisShouldCacheInTheJvmOnly() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(CachingMeshDiscovery.class)
				.hasSingleBean(CompositeMeshDiscovery.class)
				.doesNotHaveBean(MeshRedis.class)
				.doesNotHaveBean(MeshEventChannel.class);
			assertThat(context.getBean(MeshDiscovery.class)).isInstanceOf(CachingMeshDiscovery.class);
			assertThat(context.getBean(MeshDiscovery.class).getInstances("inventory"))
				.extracting(ServiceInstance::getHost)
				.containsExactly("10.0.0.1");
			assertThat(context.getBean(CachingMeshDiscovery.class).statistics().redisState()).isEqualTo("disabled");
		});
	}

	@Test
	void runWithRedisConnectionFactoryShouldShareThroughRedisAndStartWhileRedisIsDown() {
		this.withRedis.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(MeshRedis.class)
				.hasSingleBean(RedisInstancesStore.class)
				.hasSingleBean(RedisMeshEvents.class)
				.hasSingleBean(RedisConnector.class);
			assertThat(context.getBean(MeshDiscovery.class).getInstances("inventory")).hasSize(1);
			assertThat(context.getBean(CachingMeshDiscovery.class).statistics().redisState()).isEqualTo("connecting");
		});
	}

	@Test
	void runWithoutRedisClassesShouldCacheInTheJvmOnly() {
		this.withRedis.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.run((context) -> assertThat(context).hasSingleBean(CachingMeshDiscovery.class)
				.doesNotHaveBean(MeshRedis.class)
				.doesNotHaveBean(MeshEventChannel.class));
	}

	@Test
	void runWhenRedisTierIsDisabledShouldNotUseRedis() {
		this.withRedis.withPropertyValues("mesh.cache.redis.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(CachingMeshDiscovery.class)
				.doesNotHaveBean(MeshRedis.class)
				.doesNotHaveBean(MeshEventChannel.class));
	}

	@Test
	void runWhenCacheIsDisabledShouldLookUpWithoutCache() {
		this.withRedis.withPropertyValues("mesh.cache.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(CachingMeshDiscovery.class).doesNotHaveBean(MeshRedis.class);
			assertThat(context.getBean(MeshDiscovery.class)).isInstanceOf(CompositeMeshDiscovery.class);
		});
	}

	@Test
	void runWhenMeshIsDisabledShouldCreateNothing() {
		this.withRedis.withPropertyValues("mesh.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CachingMeshDiscovery.class)
				.doesNotHaveBean(MeshRedis.class));
	}

	@Test
	void runWithUserDiscoveryShouldBackOff() {
		MeshDiscovery own = new MeshDiscovery() {

			@Override
			public java.util.List<ServiceInstance> getInstances(String serviceId) {
				return java.util.List.of();
			}

			@Override
			public String describeSources() {
				return "own";
			}

		};
		this.withRedis.withBean(MeshDiscovery.class, () -> own).run((context) -> {
			assertThat(context).doesNotHaveBean(CachingMeshDiscovery.class);
			assertThat(context.getBean(MeshDiscovery.class)).isSameAs(own);
		});
	}

	@Test
	void runWithUserEventChannelShouldBackOffAndShareEjectionsThroughIt() {
		RecordingChannel own = new RecordingChannel();
		this.withRedis.withBean(MeshEventChannel.class, () -> own).run((context) -> {
			assertThat(context).doesNotHaveBean(RedisMeshEvents.class).hasSingleBean(CachingMeshDiscovery.class);
			assertThat(context.getBean(MeshEventChannel.class)).isSameAs(own);
			assertThat(own.listeners).isOne();
		});
	}

	@Test
	void runWithInvalidPrefixShouldFailNamingTheProperty() {
		this.withRedis.withPropertyValues("mesh.cache.redis.prefix=Mesh:evil*").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("mesh.cache")
				.contains("redis.prefix")
				.contains("Mesh:evil*")
				.contains("must be lowercase letters");
		});
	}

	@Test
	void runWithRefreshAheadNotShorterThanNearTtlShouldFail() {
		this.contextRunner.withPropertyValues("mesh.cache.near-ttl=2s", "mesh.cache.refresh-ahead=2s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidMeshPropertyException.class)
					.hasMessageContaining("mesh.cache.refresh-ahead")
					.hasMessageContaining("must be shorter than mesh.cache.near-ttl");
			});
	}

	@Test
	void runWithZeroNearTtlShouldFail() {
		this.contextRunner.withPropertyValues("mesh.cache.near-ttl=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("mesh.cache")
				.contains("nearTtl")
				.contains("greater than zero");
		});
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	static final class RecordingChannel implements MeshEventChannel {

		int listeners;

		@Override
		public void publishEjection(String serviceId, URI instance, Instant until) {
		}

		@Override
		public void publishReadmission(String serviceId, URI instance, Instant ejectedUntil) {
		}

		@Override
		public void addListener(RemoteEjectionListener listener) {
			this.listeners++;
		}

	}

}
