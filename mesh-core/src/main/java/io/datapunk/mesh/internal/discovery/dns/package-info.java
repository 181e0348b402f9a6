/**
 * Finding the instances of a called service in DNS SRV records.
 */
package io.datapunk.mesh.internal.discovery.dns;
