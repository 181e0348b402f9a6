package io.datapunk.mesh.autoconfigure.cache;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import io.datapunk.mesh.internal.cache.RedisMeshEvents;
import io.datapunk.mesh.internal.cache.MeshOrigin;
import io.datapunk.mesh.spi.MeshEventChannel;
import io.datapunk.mesh.internal.cache.RedisInstancesStore;
import io.datapunk.mesh.internal.cache.RedisConnector;
import io.datapunk.mesh.internal.cache.MeshRedis;
import io.datapunk.mesh.internal.cache.MessageSigner;
import io.datapunk.mesh.internal.cache.RedisGuard;
import io.datapunk.mesh.InvalidMeshPropertyException;

/**
 * The Redis tier of the discovery cache and the mesh events, when the application has a
 * Redis connection factory that can also work without blocking (Lettuce's, Spring Boot's
 * default), Jackson 3 or Jackson 2 for the JSON of the values, and
 * {@code mesh.cache.redis.enabled} is not {@code false}.
 *
 * @author datapunk mesh team
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ ReactiveRedisConnectionFactory.class, RedisMessageListenerContainer.class })
@Conditional(OnJsonLibraryCondition.class)
@ConditionalOnBooleanProperty(name = "mesh.cache.redis.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(ReactiveRedisConnectionFactory.class)
class RedisCacheConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeshRedis meshRedis(ReactiveRedisConnectionFactory connections, CacheProperties properties, MeshOrigin origin) {
		CacheProperties.Redis redis = properties.getRedis();
		return new MeshRedis(connections, new ReactiveStringRedisTemplate(connections),
				new RedisGuard(redis.getTimeout(), redis.getRetryAfter()), redis.getPrefix(), origin.id(),
				signer(redis.getSigningKey()));
	}

	@Bean
	@ConditionalOnMissingBean
	RedisConnector meshRedisConnector(MeshRedis redis) {
		return new RedisConnector(redis);
	}

	@Bean
	@ConditionalOnMissingBean
	RedisInstancesStore meshRedisInstancesStore(MeshRedis redis, CacheProperties properties) {
		// Kept as long as a list may be served stale after the shared value expired.
		Duration keyExpiry = properties.getRedis().getTtl().plus(properties.getMaxStale());
		return new RedisInstancesStore(redis.template(), redis.guard(), redis.prefix(), keyExpiry, redis.signer());
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

	private static MessageSigner signer(String key) {
		if (key != null && key.strip().length() < MessageSigner.MIN_KEY_LENGTH) {
			// The value itself is a secret: only its length is told.
			throw new InvalidMeshPropertyException("mesh.cache.redis.signing-key",
					"(hidden, " + key.length() + " characters)",
					"must be at least " + MessageSigner.MIN_KEY_LENGTH + " characters, the same on every application "
							+ "sharing the Redis prefix",
					"a random string of 32 or more characters from a secret store");
		}
		return MessageSigner.of(key);
	}

}
