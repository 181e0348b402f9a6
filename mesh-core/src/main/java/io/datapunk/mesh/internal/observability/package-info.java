/**
 * Metrics of the mesh: meters over its counters, beside the observations of calls and
 * attempts.
 */
package io.datapunk.mesh.internal.observability;
