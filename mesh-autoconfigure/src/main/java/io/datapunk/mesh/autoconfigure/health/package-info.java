/**
 * Health of the called services: an Actuator health contributor and readiness that
 * follows the critical services.
 */
package io.datapunk.mesh.autoconfigure.health;
