package io.datapunk.mesh.internal.cache;

import java.time.Duration;

/**
 * Times of the discovery cache's tier in the JVM, resolved from {@code mesh.cache.*}.
 *
 * @param nearTtl how long a list is served before it is looked up again
 * @param refreshAhead how long before {@code nearTtl} a list in use is refreshed in the
 * background
 * @param maxStale how long the last list is served, marked stale, while the sources fail
 * @author datapunk mesh team
 */
public record NearCacheSettings(Duration nearTtl, Duration refreshAhead, Duration maxStale) {

}
