package io.datapunk.mesh.internal.discovery.dns;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;

/**
 * What one SRV lookup found: the instances of a service (empty when the name does not
 * exist or has no usable records) and how long the answer may be kept.
 *
 * @param instances the instances, sorted by host and port; never {@code null}
 * @param ttlSeconds the smallest TTL of the records used, or the negative-caching TTL of
 * an answer without records
 * @author datapunk mesh team
 */
record SrvAnswer(List<ServiceInstance> instances, long ttlSeconds) {

	static SrvAnswer none(long ttlSeconds) {
		return new SrvAnswer(List.of(), ttlSeconds);
	}

}
