/**
 * Finding the instances of a called service: static instances and Spring Cloud discovery
 * clients.
 */
package io.datapunk.mesh.internal.discovery;
