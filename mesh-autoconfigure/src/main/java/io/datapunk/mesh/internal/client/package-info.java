/**
 * Calling services: {@code @MeshClient} interfaces, the mesh-aware
 * {@code RestClient.Builder} and the call pipeline.
 */
package io.datapunk.mesh.internal.client;

import io.datapunk.mesh.MeshClient;
