/**
 * Auto-configuration of the mesh's discovery consul capability (Spring Boot glue only).
 */
package io.datapunk.mesh.autoconfigure.discovery.consul;
