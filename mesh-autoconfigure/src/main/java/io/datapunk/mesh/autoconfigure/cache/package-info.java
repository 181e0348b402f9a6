/**
 * Auto-configuration of the mesh's cache capability (Spring Boot glue only).
 */
package io.datapunk.mesh.autoconfigure.cache;
