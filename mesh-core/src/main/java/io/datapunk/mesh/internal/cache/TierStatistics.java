package io.datapunk.mesh.internal.cache;

/**
 * Counts of one tier of the discovery cache since startup.
 *
 * @param hits look-ups the tier answered: from the JVM, from Redis, or (for the discovery
 * sources) successful look-ups
 * @param misses look-ups the tier could not answer and passed on
 * @param staleServes look-ups answered with a list that was kept because the discovery
 * sources failed
 * @param errors failed look-ups: Redis errors, timeouts and skips while Redis is left
 * alone, or failed discovery sources
 * @since 0.1.0
 */
public record TierStatistics(long hits, long misses, long staleServes, long errors) {

}
