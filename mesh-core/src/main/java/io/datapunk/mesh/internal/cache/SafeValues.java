package io.datapunk.mesh.internal.cache;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

import io.datapunk.mesh.internal.discovery.InstanceAddresses;

/**
 * Checks of the values that arrive from Redis, where anyone who can write to it may have
 * put anything: origins, metadata and instance addresses, whose host and port follow the
 * one rule of {@link InstanceAddresses}.
 *
 * @author datapunk mesh team
 */
final class SafeValues {

	private static final Pattern ORIGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

	private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9._:/-]{1,128}");

	private static final int MAX_METADATA_VALUE = 512;

	private SafeValues() {
	}

	static boolean isOrigin(String origin) {
		return origin != null && ORIGIN.matcher(origin).matches();
	}

	static boolean isMetadata(String key, String value) {
		return key != null && value != null && METADATA_KEY.matcher(key).matches()
				&& value.length() <= MAX_METADATA_VALUE && value.chars().noneMatch(Character::isISOControl);
	}

	/**
	 * Parse an instance address, {@code http://host:port} or {@code https://host:port}
	 * and nothing more.
	 * @param address the address as received
	 * @return the address, or {@code null} if it is not one
	 */
	static URI address(String address) {
		if (address == null || address.length() > 300) {
			return null;
		}
		try {
			URI uri = new URI(address);
			String scheme = uri.getScheme();
			String host = uri.getHost();
			if (!("http".equals(scheme) || "https".equals(scheme)) || host == null || uri.getRawUserInfo() != null
					|| !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
					|| uri.getRawFragment() != null || !InstanceAddresses.isPort(uri.getPort())) {
				return null;
			}
			String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
			return InstanceAddresses.isHost(bare) ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
