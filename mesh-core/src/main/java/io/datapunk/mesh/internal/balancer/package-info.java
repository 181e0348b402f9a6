/**
 * Choosing one instance of a service for each attempt.
 */
package io.datapunk.mesh.internal.balancer;
