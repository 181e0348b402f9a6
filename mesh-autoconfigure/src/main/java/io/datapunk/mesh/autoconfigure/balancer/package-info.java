/**
 * Auto-configuration of the mesh's balancer capability (Spring Boot glue only).
 */
package io.datapunk.mesh.autoconfigure.balancer;
