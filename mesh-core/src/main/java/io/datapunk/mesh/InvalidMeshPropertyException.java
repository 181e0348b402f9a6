package io.datapunk.mesh;

/**
 * Thrown when a mesh setting breaks a rule that binding cannot check on its own, such as
 * a rule between two values; it carries the property, the bad value, the rule and a valid
 * example so that startup can report them.
 *
 * @since 0.1.0
 */
public class InvalidMeshPropertyException extends IllegalArgumentException {

	private final String property;

	private final String value;

	private final String rule;

	private final String example;

	/**
	 * Create a new exception.
	 * @param property where the value came from, such as
	 * {@code mesh.defaults.retry.max-backoff}
	 * @param value the bad value, may be {@code null}
	 * @param rule the rule it breaks, such as {@code must be at least 1}
	 * @param example a valid value
	 */
	public InvalidMeshPropertyException(String property, String value, String rule, String example) {
		this("Invalid value " + quote(value) + " of " + property + ": " + rule + ", for example " + example, property,
				value, rule, example);
	}

	/**
	 * Create a new exception with its own message.
	 * @param message the message
	 * @param property where the value came from
	 * @param value the bad value, may be {@code null}
	 * @param rule the rule it breaks
	 * @param example a valid value
	 */
	protected InvalidMeshPropertyException(String message, String property, String value, String rule, String example) {
		super(message);
		this.property = property;
		this.value = value;
		this.rule = rule;
		this.example = example;
	}

	/**
	 * Quote a value for a message, escaping what could break a log line.
	 * @param value the value, may be {@code null}
	 * @return the quoted value
	 */
	public static String quote(String value) {
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
	 * Return where the bad value came from.
	 * @return the property, such as {@code mesh.service-name}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the bad value.
	 * @return the value, may be {@code null}
	 */
	public String getValue() {
		return this.value;
	}

	/**
	 * Return the rule the value breaks.
	 * @return the rule
	 */
	public String getRule() {
		return this.rule;
	}

	/**
	 * Return a valid example.
	 * @return the example
	 */
	public String getExample() {
		return this.example;
	}

}
