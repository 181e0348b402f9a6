/**
 * The mesh variant: an application with the mesh starter and one {@code @MeshClient},
 * default mesh settings. Its own package, so that the mesh scans nothing else.
 */
package io.datapunk.mesh.benchmarks.load.mesh;
