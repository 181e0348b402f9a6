/**
 * The public API: the annotations that declare and enable mesh clients, the errors the
 * mesh reports to callers ({@link io.datapunk.mesh.MeshException} and its subclasses),
 * the event it publishes when a service's instances change, and the balancing strategy
 * names. Types in {@code io.datapunk.mesh.internal} and its sub-packages are not API.
 */
package io.datapunk.mesh;
