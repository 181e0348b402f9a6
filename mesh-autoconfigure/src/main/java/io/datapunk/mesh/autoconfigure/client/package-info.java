/**
 * Auto-configuration of the mesh's client capability (Spring Boot glue only).
 */
package io.datapunk.mesh.autoconfigure.client;
