package io.datapunk.mesh.internal.discovery.consul;

import java.time.Duration;

/**
 * What the Consul watches need to know of their configuration
 * ({@code mesh.discovery.consul.watch.*}); the auto-configuration's properties implement
 * it, tests may too.
 *
 * @author datapunk mesh team
 */
public interface WatchConfig {

	/** Return how long Consul may hold a blocking query. */
	Duration getWait();

	/** Return the first wait before a failed or too quick query is sent again. */
	Duration getMinBackoff();

	/** Return the longest wait before a failed query is sent again. */
	Duration getMaxBackoff();

	/** Return how long a first lookup of a service waits for Consul's first answer. */
	Duration getFirstAnswerTimeout();

}
