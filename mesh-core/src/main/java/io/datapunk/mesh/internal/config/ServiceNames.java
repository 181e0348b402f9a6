package io.datapunk.mesh.internal.config;

import java.util.function.Supplier;
import io.datapunk.mesh.InvalidServiceNameException;

/**
 * The one rule every service name in the mesh follows (the application's own name, every
 * {@code mesh.services} key, every {@code @MeshClient} name and the host of every logical
 * URL): a DNS label, so that a name is safe in URLs, Redis keys, headers and shells.
 *
 * @since 0.1.0
 */
public final class ServiceNames {

	/**
	 * The rule, in words.
	 */
	public static final String RULE = "lowercase letters, digits and '-', starting with a letter, "
			+ "ending with a letter or digit, 1 to 63 characters";

	/**
	 * Valid names, for error messages.
	 */
	public static final String EXAMPLE = "'inventory' or 'order-service-2'";

	private static final int MAX_LENGTH = 63;

	private ServiceNames() {
	}

	/**
	 * Tell whether a name follows the rule.
	 * @param name the name to check, may be {@code null}
	 * @return {@code true} if the name is a valid service name
	 */
	public static boolean isValid(String name) {
		// A hand-written scan rather than a regex: this runs on every call.
		if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
			return false;
		}
		if (!isLetter(name.charAt(0)) || name.charAt(name.length() - 1) == '-') {
			return false;
		}
		for (int i = 1; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '-') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the name if it follows the rule.
	 * @param name the name to check
	 * @param origin where the name came from, such as {@code mesh.service-name}
	 * @return the name
	 * @throws InvalidServiceNameException if the name does not follow the rule
	 */
	public static String requireValid(String name, String origin) {
		return requireValid(name, () -> origin);
	}

	/**
	 * Return the name if it follows the rule, describing its origin only when it does
	 * not: for per-call checks, where building the description each time would be waste.
	 * @param name the name to check
	 * @param origin supplies where the name came from
	 * @return the name
	 * @throws InvalidServiceNameException if the name does not follow the rule
	 */
	public static String requireValid(String name, Supplier<String> origin) {
		if (!isValid(name)) {
			throw new InvalidServiceNameException(origin.get(), name);
		}
		return name;
	}

	private static boolean isLetter(char c) {
		return c >= 'a' && c <= 'z';
	}

}
