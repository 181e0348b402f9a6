package io.datapunk.mesh.internal.engine;

import java.net.ConnectException;

import org.springframework.cloud.client.ServiceInstance;

/**
 * An attempt that could not be sent because its instance's address is one no HTTP client
 * can call. A {@link ConnectException}: nothing reached a server, so the request goes to
 * another instance at once, and the instance counts toward ejection.
 *
 * @author datapunk mesh team
 */
final class UnusableAddressException extends ConnectException {

	UnusableAddressException(ServiceInstance instance, String problem) {
		super("Unusable address " + InstanceUris.describeAddress(instance) + ": " + problem);
	}

}
