/**
 * The service provider interface: what an application or library may plug into the mesh
 * (discovery sources, load balancers, retry conditions, client customizers, the channel
 * on which application instances share ejections).
 */
package io.datapunk.mesh.spi;
