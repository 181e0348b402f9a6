/**
 * Load scenarios: three HTTP backends on 127.0.0.1 called by a plain {@code RestClient},
 * by the mesh and by Spring Cloud's usual stack, one after another on the same backends.
 */
package io.datapunk.mesh.benchmarks.load;
