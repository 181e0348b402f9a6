/**
 * JMH micro-benchmarks of the mesh: load-balancer choice, instance lookup, and the whole
 * call pipeline against an in-process stub. White-box: they build engine parts from
 * {@code io.datapunk.mesh.internal} directly, which no application should copy (see
 * RESULTS.md, "What the benchmarks use").
 */
package io.datapunk.mesh.benchmarks.jmh;
