package io.datapunk.mesh.test;

/**
 * For web applications started by tests that use neither Redis nor Consul: with their
 * libraries on the test class path, Spring Boot would make a Redis client for
 * localhost:6379 and spring-cloud-consul would look for an agent at localhost:8500, and
 * their health indicators would report DOWN.
 */
public final class NoExternalServices {

	/**
	 * Leaves Boot's Redis auto-configurations out, under their Boot 3.5 and Boot 4 names
	 * (an excluded name that is not on the class path is ignored).
	 */
	public static final String NO_REDIS = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration,"
			+ "org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration,"
			+ "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
			+ "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration";

	/** Switches spring-cloud-consul off. */
	public static final String NO_CONSUL = "spring.cloud.consul.enabled=false";

	private NoExternalServices() {
	}

}
