/**
 * The called services' state as health and the endpoint read it: instances, ejections and
 * breaker state per service.
 */
package io.datapunk.mesh.internal.health;
