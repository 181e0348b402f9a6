/**
 * Errors the mesh reports to callers: {@link io.datapunk.mesh.MeshException} and its
 * subclasses.
 */
package io.datapunk.mesh;
