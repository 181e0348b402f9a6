/**
 * Calling services over {@code RestClient}: {@code @MeshClient} interfaces, the
 * mesh-aware {@code RestClient.Builder}, and the adapter that turns a request into a call
 * of the engine ({@code internal.engine}) and its attempts into requests on the services'
 * HTTP clients.
 */
package io.datapunk.mesh.internal.client;

import io.datapunk.mesh.MeshClient;
