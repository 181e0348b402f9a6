/**
 * Auto-configuration of the mesh's resilience capability (Spring Boot glue only).
 */
package io.datapunk.mesh.autoconfigure.resilience;
