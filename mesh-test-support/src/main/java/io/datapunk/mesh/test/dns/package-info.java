/**
 * A DNS server on 127.0.0.1 answering SRV, A and AAAA records that tests change.
 *
 * @since 0.1.0
 */
package io.datapunk.mesh.test.dns;
