/**
 * JMH micro-benchmarks of the mesh: load-balancer choice, instance lookup, and the whole
 * call pipeline against an in-process stub.
 */
package io.datapunk.mesh.benchmarks.jmh;
