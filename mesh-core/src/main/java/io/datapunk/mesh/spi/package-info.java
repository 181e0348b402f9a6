/**
 * The service provider interface: what an application or library may plug into the mesh
 * (discovery sources, load balancers, retry conditions, client customizers).
 */
package io.datapunk.mesh.spi;
