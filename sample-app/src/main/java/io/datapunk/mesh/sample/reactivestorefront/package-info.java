/**
 * The storefront on WebFlux (profile {@code reactive}): answers {@code GET
 * /products/{id}} on Reactor Netty without a thread per request, calling the inventory
 * service through a reactive {@code @MeshClient}.
 */
package io.datapunk.mesh.sample.reactivestorefront;
