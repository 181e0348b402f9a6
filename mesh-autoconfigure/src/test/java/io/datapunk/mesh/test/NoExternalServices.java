package io.datapunk.mesh.test;

/**
 * For web applications started by tests that use neither Redis nor Consul: with their
 * libraries on the test class path, Spring Boot would make a Redis client for
 * localhost:6379 and spring-cloud-consul would look for an agent at localhost:8500, and
 * their health indicators would report DOWN.
 */
public final class NoExternalServices {

	/** Leaves Boot's Redis auto-configurations out. */
	public static final String NO_REDIS = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration,"
			+ "org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration";

	/** Switches spring-cloud-consul off. */
	public static final String NO_CONSUL = "spring.cloud.consul.enabled=false";

	private NoExternalServices() {
	}

}
