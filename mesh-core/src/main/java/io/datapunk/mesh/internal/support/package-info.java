/**
 * Small mechanisms every engine package may use: backoff, background retries, the mesh's
 * named threads, rate-limited warnings and JSON over Jackson 3 or 2.
 */
package io.datapunk.mesh.internal.support;
