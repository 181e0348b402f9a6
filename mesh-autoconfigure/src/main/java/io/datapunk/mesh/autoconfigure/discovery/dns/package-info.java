/**
 * Auto-configuration of the mesh's discovery dns capability (Spring Boot glue only).
 */
package io.datapunk.mesh.autoconfigure.discovery.dns;
