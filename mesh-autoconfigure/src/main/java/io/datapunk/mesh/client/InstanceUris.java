package io.datapunk.mesh.client;

import java.net.URI;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Builds the URI of an attempt from the chosen instance and the logical URI.
 *
 * @author datapunk mesh team
 */
final class InstanceUris {

	private InstanceUris() {
	}

	/**
	 * Put the instance's scheme, host and port in place of the logical service name,
	 * keeping the raw (still encoded) path and query; the fragment is never sent.
	 */
	static URI resolve(ServiceInstance instance, URI logicalUri) {
		StringBuilder uri = appendBase(new StringBuilder(96), instance);
		String path = logicalUri.getRawPath();
		if (path != null) {
			uri.append(path);
		}
		if (logicalUri.getRawQuery() != null) {
			uri.append('?').append(logicalUri.getRawQuery());
		}
		return URI.create(uri.toString());
	}

	/** The instance's own address, for reports. */
	static URI base(ServiceInstance instance) {
		return URI.create(appendBase(new StringBuilder(48), instance).toString());
	}

	private static StringBuilder appendBase(StringBuilder uri, ServiceInstance instance) {
		uri.append(instance.isSecure() ? "https" : "http").append("://");
		String host = instance.getHost();
		boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
		uri.append(ipv6 ? "[" : "").append(host).append(ipv6 ? "]" : "");
		return uri.append(':').append(instance.getPort());
	}

}
