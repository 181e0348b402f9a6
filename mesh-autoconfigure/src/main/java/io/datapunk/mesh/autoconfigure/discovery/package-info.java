/**
 * Auto-configuration of the mesh's discovery capability (Spring Boot glue only).
 */
package io.datapunk.mesh.autoconfigure.discovery;
