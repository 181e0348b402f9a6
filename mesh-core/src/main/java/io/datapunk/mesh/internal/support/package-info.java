/**
 * Small mechanisms every engine package may use: backoff, background retries, the mesh's
 * named threads and rate-limited warnings.
 */
package io.datapunk.mesh.internal.support;
