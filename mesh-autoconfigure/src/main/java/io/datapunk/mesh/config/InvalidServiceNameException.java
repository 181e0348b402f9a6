package io.datapunk.mesh.config;

/**
 * Thrown when a service name does not follow {@link ServiceNames#RULE}; it carries where
 * the name came from and the bad value so that startup can report both.
 *
 * @since 0.1.0
 */
public class InvalidServiceNameException extends IllegalArgumentException {

	private final String origin;

	private final String value;

	/**
	 * Create a new exception.
	 * @param origin where the name came from, such as {@code mesh.service-name}
	 * @param value the bad name, may be {@code null}
	 */
	public InvalidServiceNameException(String origin, String value) {
		super("Invalid service name " + quote(value) + " in " + origin + ": must be " + ServiceNames.RULE
				+ ", for example " + ServiceNames.EXAMPLE);
		this.origin = origin;
		this.value = value;
	}

	/**
	 * Quote a value for a message, escaping what could break a log line.
	 * @param value the value, may be {@code null}
	 * @return the quoted value
	 */
	static String quote(String value) {
		if (value == null) {
			return "(none)";
		}
		StringBuilder quoted = new StringBuilder("\"");
		value.codePoints().forEach((c) -> {
			if (Character.isISOControl(c)) {
				quoted.append(String.format("\\u%04x", c));
			}
			else {
				quoted.appendCodePoint(c);
			}
		});
		return quoted.append('"').toString();
	}

	/**
	 * Return where the bad name came from.
	 * @return the origin, such as {@code mesh.service-name}
	 */
	public String getOrigin() {
		return this.origin;
	}

	/**
	 * Return the bad name.
	 * @return the name, may be {@code null}
	 */
	public String getValue() {
		return this.value;
	}

}
