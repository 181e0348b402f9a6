/**
 * The mesh-reactive variant: an application with the mesh starter and an HTTP interface
 * on a {@code WebClient} from the {@code @MeshWebClient} builder, default mesh settings.
 * Its own package, so that the mesh scans nothing else.
 */
package io.datapunk.mesh.benchmarks.load.meshreactive;
