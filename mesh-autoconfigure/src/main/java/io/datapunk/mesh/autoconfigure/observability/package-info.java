/**
 * Auto-configuration of the mesh's observability capability (Spring Boot glue only).
 */
package io.datapunk.mesh.autoconfigure.observability;
