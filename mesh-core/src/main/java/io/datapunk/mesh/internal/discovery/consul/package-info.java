/**
 * Consul: watches of the called services with blocking queries, and self-registration
 * that survives Consul outages.
 */
package io.datapunk.mesh.internal.discovery.consul;
