package io.datapunk.mesh;

import java.util.List;

/**
 * Thrown when the mesh knows no instance of a service: it is configured nowhere, or every
 * discovery source returned an empty list. No request was sent.
 *
 * @since 0.1.0
 */
public class ServiceNotFoundException extends MeshException {

	/**
	 * Create a new exception.
	 * @param serviceId the service that has no instances
	 * @param sources a description of the discovery sources that were asked
	 */
	public ServiceNotFoundException(String serviceId, String sources) {
		super(serviceId, "no instances of '" + serviceId + "' are known (asked " + sources + ")", List.of(), null);
	}

}
