/**
 * A real Redis server started on a free port for a test class, as a JUnit extension.
 *
 * @since 0.1.0
 */
package io.datapunk.mesh.test.redis;
