/**
 * Auto-configuration of the mesh's config capability (Spring Boot glue only).
 */
package io.datapunk.mesh.autoconfigure.config;
