package io.datapunk.mesh.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Effective settings of one called service: its {@code mesh.services.<name>} values over
 * {@code mesh.defaults}. Immutable.
 *
 * @param serviceId the service name
 * @param instances static instance addresses, possibly empty
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout time allowed for an instance to start answering one attempt
 * @since 0.1.0
 */
public record ServiceSettings(String serviceId, List<URI> instances, Duration connectTimeout, Duration readTimeout) {

	/**
	 * Create the settings, copying the instance list.
	 */
	public ServiceSettings {
		instances = List.copyOf(instances);
	}

}
