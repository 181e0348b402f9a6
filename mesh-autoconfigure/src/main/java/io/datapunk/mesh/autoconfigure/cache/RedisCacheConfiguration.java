package io.datapunk.mesh.autoconfigure.cache;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import io.datapunk.mesh.internal.cache.RedisMeshEvents;
import io.datapunk.mesh.internal.cache.MeshOrigin;
import io.datapunk.mesh.spi.MeshEventChannel;
import io.datapunk.mesh.internal.cache.RedisInstancesStore;
import io.datapunk.mesh.internal.cache.RedisConnector;
import io.datapunk.mesh.internal.cache.MeshRedis;

/**
 * The Redis tier of the discovery cache and the mesh events, when the application has a
 * Redis connection factory that can also work without blocking (Lettuce's, Spring Boot's
 * default) and {@code mesh.cache.redis.enabled} is not {@code false}.
 *
 * @author datapunk mesh team
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ ReactiveRedisConnectionFactory.class, RedisMessageListenerContainer.class, ObjectMapper.class })
@ConditionalOnBooleanProperty(name = "mesh.cache.redis.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(ReactiveRedisConnectionFactory.class)
class RedisCacheConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeshRedis meshRedis(ReactiveRedisConnectionFactory connections, CacheProperties properties, MeshOrigin origin) {
		return MeshRedis.create(connections, properties, origin.id());
	}

	@Bean
	@ConditionalOnMissingBean
	RedisConnector meshRedisConnector(MeshRedis redis) {
		return new RedisConnector(redis);
	}

	@Bean
	@ConditionalOnMissingBean
	RedisInstancesStore meshRedisInstancesStore(MeshRedis redis, CacheProperties properties) {
		return new RedisInstancesStore(redis.template(), redis.guard(), redis.prefix(), redis.keyExpiry(properties),
				redis.signer());
	}

	@Bean
	@ConditionalOnMissingBean(MeshEventChannel.class)
	RedisMeshEvents meshRedisEvents(MeshRedis redis) {
		if (!(redis.connections() instanceof RedisConnectionFactory connections)) {
			throw new IllegalStateException("The Redis connection factory must also be a RedisConnectionFactory");
		}
		return new RedisMeshEvents(connections, redis.template(), redis.guard(), redis.prefix(), redis.origin(),
				Clock.systemUTC(), redis.signer());
	}

}
