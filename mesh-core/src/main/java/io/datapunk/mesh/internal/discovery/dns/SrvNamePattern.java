package io.datapunk.mesh.internal.discovery.dns;

import java.util.Locale;

import io.datapunk.mesh.InvalidMeshPropertyException;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The SRV name pattern of {@code mesh.discovery.dns.name-pattern}, checked once at
 * startup: it turns a valid service name into the absolute name to query, and tells the
 * scheme of the instances it finds. Immutable.
 *
 * @author datapunk mesh team
 */
final class SrvNamePattern {

	static final String PROPERTY = "mesh.discovery.dns.name-pattern";

	static final String PLACEHOLDER = "{service}";

	static final String RULE = "must contain " + PLACEHOLDER
			+ " and form a valid DNS name (labels of 1 to 63 characters, 255 in all) for a service name of 63 characters";

	static final String EXAMPLE = "'_http._tcp.{service}.service.consul' or '_https._tcp.{service}.example.com'";

	/** The longest valid service name, so that every valid name fits. */
	private static final String LONGEST_SERVICE = "s".repeat(63);

	private final String pattern;

	private final boolean secure;

	private SrvNamePattern(String pattern) {
		this.pattern = pattern;
		this.secure = pattern.toLowerCase(Locale.ROOT).startsWith("_https.");
	}

	/**
	 * Check a pattern.
	 * @param pattern the pattern as configured
	 * @return the pattern
	 * @throws InvalidMeshPropertyException if the pattern breaks the rule
	 */
	static SrvNamePattern of(String pattern) {
		if (pattern == null || !pattern.contains(PLACEHOLDER) || pattern.indexOf('{') != pattern.lastIndexOf('{')
				|| pattern.indexOf('}') != pattern.lastIndexOf('}') || pattern.chars().anyMatch(Character::isWhitespace)
				|| !isValidName(pattern.replace(PLACEHOLDER, LONGEST_SERVICE))) {
			throw new InvalidMeshPropertyException(PROPERTY, pattern, RULE, EXAMPLE);
		}
		return new SrvNamePattern(pattern);
	}

	private static boolean isValidName(String name) {
		try {
			Name.fromString(name, Name.root);
			return true;
		}
		catch (TextParseException ex) {
			return false;
		}
	}

	/**
	 * Return the absolute name to query for a service.
	 * @param serviceId a valid service name: nothing else may reach a query
	 * @return the name
	 */
	Name queryName(String serviceId) {
		try {
			return Name.fromString(this.pattern.replace(PLACEHOLDER, serviceId), Name.root);
		}
		catch (TextParseException ex) {
			// The pattern was checked with the longest valid name.
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return whether the instances found are addressed with https.
	 * @return {@code true} for a pattern whose first label is {@code _https}
	 */
	boolean isSecure() {
		return this.secure;
	}

	@Override
	public String toString() {
		return this.pattern;
	}

}
