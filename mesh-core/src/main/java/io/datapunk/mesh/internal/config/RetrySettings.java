package io.datapunk.mesh.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * Effective retry settings of one called service. Immutable.
 *
 * @param maxAttempts attempts per call, the first included
 * @param baseBackoff upper bound of the first random wait before a retry
 * @param maxBackoff largest upper bound of a backoff
 * @param statuses response statuses that are retried
 * @param exceptions exception types that are retried
 * @param methods HTTP methods that may be retried
 * @since 0.1.0
 */
public record RetrySettings(int maxAttempts, Duration baseBackoff, Duration maxBackoff, Set<Integer> statuses,
		List<Class<? extends Throwable>> exceptions, Set<HttpMethod> methods) {

	/**
	 * Built-in defaults: 3 attempts, backoff from 1 s up to 15 s, 502, 503 and 504 and
	 * I/O errors retried, for the idempotent methods of RFC 9110.
	 */
	public static final RetrySettings DEFAULTS = new RetrySettings(3, Duration.ofSeconds(1), Duration.ofSeconds(15),
			Set.of(502, 503, 504), List.of(java.io.IOException.class),
			Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT, HttpMethod.DELETE));

	/**
	 * Create the settings, copying the collections.
	 */
	public RetrySettings {
		statuses = Set.copyOf(statuses);
		exceptions = List.copyOf(exceptions);
		methods = Set.copyOf(methods);
	}

}
