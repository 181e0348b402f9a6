package io.datapunk.mesh.internal.cache;

import java.time.Duration;
import java.time.Instant;

/**
 * What the discovery cache holds for one service.
 *
 * @param serviceId the service
 * @param instances how many instances the list has
 * @param tier where the list came from: {@code source} or {@code redis}
 * @param source the discovery sources that produced the list
 * @param fetchedAt when a discovery source produced the list
 * @param age how old the list is
 * @param stale whether the list is served only because the discovery sources failed
 * @since 0.1.0
 */
public record CachedServiceState(String serviceId, int instances, String tier, String source, Instant fetchedAt,
		Duration age, boolean stale) {

}
