/**
 * The launcher of the sample: a storefront calling three inventory replicas through the
 * mesh, all in one JVM.
 */
package io.datapunk.mesh.sample;
