/**
 * An in-JVM server of Consul's HTTP API, and a JUnit extension that runs it (or points at
 * a real agent) for a test class.
 *
 * @since 0.1.0
 */
package io.datapunk.mesh.test.consul;
