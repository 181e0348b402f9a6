package io.datapunk.mesh.autoconfigure.cache;

import java.time.Clock;
import java.time.Duration;

import io.datapunk.mesh.autoconfigure.config.ConditionalOnMeshEnabled;
import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.internal.discovery.DiscoveryStatusSource;
import io.datapunk.mesh.autoconfigure.discovery.DiscoveryAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import io.datapunk.mesh.internal.cache.CacheDiscoveryStatus;
import io.datapunk.mesh.internal.cache.MeshOrigin;
import io.datapunk.mesh.internal.cache.SharedInstancesStore;
import io.datapunk.mesh.internal.cache.InstancesChangedListener;
import io.datapunk.mesh.internal.cache.InstancesChangedChannel;
import io.datapunk.mesh.internal.cache.CacheClock;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the discovery cache: a
 * {@link CachingMeshDiscovery} in front of the mesh's own {@link CompositeMeshDiscovery},
 * with a Redis tier and mesh events when the application has a Redis connection (see
 * {@link RedisCacheConfiguration}). A {@link io.datapunk.mesh.spi.MeshDiscovery} bean of
 * the application's own replaces the lookup and this cache with it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DiscoveryAutoConfiguration.class,
		// Boot 3.5's and Boot 4's names: a name that is absent is ignored.
		afterName = { "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
				"org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" },
		beforeName = "io.datapunk.mesh.autoconfigure.client.MeshClientAutoConfiguration")
@ConditionalOnMeshEnabled
@ConditionalOnBooleanProperty(name = "mesh.cache.enabled", matchIfMissing = true)
@ConditionalOnBean({ MeshSettings.class, CompositeMeshDiscovery.class })
@EnableConfigurationProperties(CacheProperties.class)
@Import(RedisCacheConfiguration.class)
public class DiscoveryCacheAutoConfiguration {

	@Bean
	@Primary
	@ConditionalOnMissingBean
	CachingMeshDiscovery cachingMeshDiscovery(CompositeMeshDiscovery source, CacheProperties properties,
			MeshOrigin origin, ObjectProvider<SharedInstancesStore> shared,
			ObjectProvider<InstancesChangedChannel> events) {
		checkRefreshAhead(properties);
		CachingMeshDiscovery cache = new CachingMeshDiscovery(source,
				shared.getIfAvailable(() -> SharedInstancesStore.NONE), properties.toNearCacheSettings(), origin.id(),
				CacheClock.ticking(Clock.systemUTC(), System::nanoTime, CachingMeshDiscovery.TICK));
		events.ifAvailable((channel) -> channel.addInstancesChangedListener(cache::evict));
		return cache;
	}

	@Bean
	@ConditionalOnMissingBean(name = "meshCacheDiscoveryStatus")
	DiscoveryStatusSource meshCacheDiscoveryStatus(CachingMeshDiscovery cache) {
		return new CacheDiscoveryStatus(cache);
	}

	@Bean
	@ConditionalOnMissingBean
	InstancesChangedListener meshInstancesChangedListener(CachingMeshDiscovery cache,
			ObjectProvider<InstancesChangedChannel> events) {
		return new InstancesChangedListener(cache, events.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	MeshOrigin meshOrigin(MeshSettings settings) {
		return MeshOrigin.create(settings);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class SigningKeySanitizerConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "meshSigningKeySanitizer")
		SanitizingFunction meshSigningKeySanitizer() {
			return new SigningKeySanitizer();
		}

	}

	private static void checkRefreshAhead(CacheProperties properties) {
		if (properties.getRefreshAhead().compareTo(properties.getNearTtl()) >= 0) {
			throw new InvalidMeshPropertyException("mesh.cache.refresh-ahead", format(properties.getRefreshAhead()),
					"must be shorter than mesh.cache.near-ttl (" + format(properties.getNearTtl()) + ")",
					"'" + format(properties.getNearTtl().dividedBy(5)) + "'");
		}
	}

	private static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
