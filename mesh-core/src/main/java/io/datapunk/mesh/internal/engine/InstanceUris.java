package io.datapunk.mesh.internal.engine;

import java.net.URI;
import java.util.Map;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Builds the URI of an attempt from the chosen instance and the logical URI. An instance
 * is called over HTTPS when its service's TLS is on, when it says it is secure (an
 * {@code https} static address, {@link ServiceInstance#isSecure()}), or when its
 * discovery metadata does: {@code secure=true} (as Consul registrations carry it) or
 * {@code scheme=https}.
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
	static URI resolve(ServiceInstance instance, URI logicalUri, boolean tls) {
		StringBuilder uri = appendBase(new StringBuilder(96), instance, tls);
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
	static URI base(ServiceInstance instance, boolean tls) {
		return URI.create(appendBase(new StringBuilder(48), instance, tls).toString());
	}

	/**
	 * Describe an instance's address for a message without building a URI (it may be one
	 * that cannot be built): host cut short, control characters dropped.
	 */
	static String describeAddress(ServiceInstance instance) {
		String host = String.valueOf(instance.getHost());
		String shown = host.codePoints()
			.limit(100)
			.filter((c) -> !Character.isISOControl(c))
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return "'" + shown + ((host.length() > 100) ? "..." : "") + ":" + instance.getPort() + "'";
	}

	/**
	 * Return whether an instance is called over HTTPS.
	 * @param instance the instance
	 * @param tls whether the service's TLS is on
	 */
	static boolean isSecure(ServiceInstance instance, boolean tls) {
		if (tls || instance.isSecure()) {
			return true;
		}
		Map<String, String> metadata = instance.getMetadata();
		return metadata != null && ("true".equalsIgnoreCase(metadata.get("secure"))
				|| "https".equalsIgnoreCase(metadata.get("scheme")));
	}

	private static StringBuilder appendBase(StringBuilder uri, ServiceInstance instance, boolean tls) {
		uri.append(isSecure(instance, tls) ? "https" : "http").append("://");
		String host = instance.getHost();
		boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
		uri.append(ipv6 ? "[" : "").append(host).append(ipv6 ? "]" : "");
		return uri.append(':').append(instance.getPort());
	}

}
