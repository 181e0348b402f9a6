/**
 * Caching of instance lists in two tiers (in the JVM and in Redis) and the mesh events
 * that every application instance hears on Redis.
 */
package io.datapunk.mesh.internal.cache;
