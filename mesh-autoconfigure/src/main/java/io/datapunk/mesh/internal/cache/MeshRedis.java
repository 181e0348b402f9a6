package io.datapunk.mesh.internal.cache;

import java.time.Duration;

import io.datapunk.mesh.InvalidMeshPropertyException;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import io.datapunk.mesh.autoconfigure.cache.CacheProperties;

/**
 * What the Redis tier and the mesh events share: the application's connection factory
 * (Spring Boot's, so its password and TLS settings), a template over it that is no bean
 * (so as not to stand beside the application's own), the guard and the key prefix.
 *
 * @param connections the connection factory
 * @param template the template used for commands
 * @param guard the time limit and breaker of every command
 * @param prefix the prefix of keys and channel
 * @param origin this application instance's id in events and shared values
 * @param signer signs and checks lists and events ({@link MessageSigner#NONE} without a
 * signing key)
 * @author datapunk mesh team
 */
public record MeshRedis(ReactiveRedisConnectionFactory connections, ReactiveStringRedisTemplate template,
		RedisGuard guard, String prefix, String origin, MessageSigner signer) {

	public static MeshRedis create(ReactiveRedisConnectionFactory connections, CacheProperties properties,
			String origin) {
		CacheProperties.Redis redis = properties.getRedis();
		return new MeshRedis(connections, new ReactiveStringRedisTemplate(connections),
				new RedisGuard(redis.getTimeout(), redis.getRetryAfter()), redis.getPrefix(), origin,
				signer(redis.getSigningKey()));
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

	public Duration keyExpiry(CacheProperties properties) {
		return properties.getRedis().getTtl().plus(properties.getMaxStale());
	}

	@Override
	public String toString() {
		return "MeshRedis[prefix=" + this.prefix + ", origin=" + this.origin + "]";
	}

}
