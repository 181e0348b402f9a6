/**
 * The storefront app: answers {@code GET /products/{id}} with what the inventory service
 * says, called through a {@code @MeshClient}.
 */
package io.datapunk.mesh.sample.storefront;
