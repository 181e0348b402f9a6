package io.datapunk.mesh.internal.discovery.consul;

import java.time.Duration;

/**
 * What the Consul registrar needs to know of its configuration
 * ({@code mesh.discovery.consul.registration.*}); the auto-configuration's properties
 * implement it.
 *
 * @author datapunk mesh team
 */
public interface RegistrationConfig {

	/** Return how often the registration is checked while the agent is up. */
	Duration getCheckInterval();

	/** Return the first wait before a failed registration is tried again. */
	Duration getMinBackoff();

	/** Return the longest wait before a failed registration is tried again. */
	Duration getMaxBackoff();

}
