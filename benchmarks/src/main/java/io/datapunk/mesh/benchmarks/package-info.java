/**
 * Benchmarks of the mesh: load scenarios over real HTTP backends, and JMH
 * micro-benchmarks.
 */
package io.datapunk.mesh.benchmarks;
