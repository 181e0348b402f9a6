package io.datapunk.mesh.internal.discovery.dns;

import java.time.Instant;
import java.util.List;

import org.springframework.cloud.client.ServiceInstance;

/**
 * What DNS SRV discovery knows of one service, for status reports: the instances it
 * serves, when DNS last answered, until when that answer holds, and whether lookups have
 * been failing since (the last answer is then served, stale).
 *
 * @param serviceId the service
 * @param queryName the SRV name asked for it
 * @param instances the instances served now
 * @param updatedAt when DNS last answered, {@code null} if it never did
 * @param expiresAt when that answer's (bounded) TTL ends, {@code null} if DNS never
 * answered
 * @param staleSince when lookups started to fail, {@code null} while the last lookup
 * succeeded
 * @param lastError the last failure, {@code null} while the last lookup succeeded
 * @since 0.1.0
 */
public record DnsServiceStatus(String serviceId, String queryName, List<ServiceInstance> instances, Instant updatedAt,
		Instant expiresAt, Instant staleSince, String lastError) {

	/**
	 * Return whether the instances come from an answer that could not be renewed.
	 * @return {@code true} if the last lookup failed
	 */
	public boolean isStale() {
		return this.staleSince != null;
	}

}
