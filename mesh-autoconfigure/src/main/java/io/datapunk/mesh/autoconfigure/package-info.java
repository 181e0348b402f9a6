/**
 * Spring Boot auto-configuration of the mesh: the {@code mesh.*} properties and the beans
 * built from them.
 */
package io.datapunk.mesh.autoconfigure;
