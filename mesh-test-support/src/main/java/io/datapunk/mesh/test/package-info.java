/**
 * Test servers and helpers for tests of applications that use the mesh: HTTP and HTTPS
 * instances with faults, certificates, free ports, clocks and tickers moved by hand.
 *
 * @since 0.1.0
 */
package io.datapunk.mesh.test;
