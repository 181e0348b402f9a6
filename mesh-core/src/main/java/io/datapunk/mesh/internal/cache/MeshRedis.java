package io.datapunk.mesh.internal.cache;

import java.time.Duration;

import io.datapunk.mesh.InvalidMeshPropertyException;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

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

	@Override
	public String toString() {
		return "MeshRedis[prefix=" + this.prefix + ", origin=" + this.origin + "]";
	}

}
