package io.datapunk.mesh.internal.support;

/**
 * The one way a received value (from Consul, DNS, Redis, any discovery client) goes into
 * a log line or an exception message: cut short and with control characters escaped, so
 * that a hostile value can neither forge log lines nor flood them.
 *
 * @since 0.1.0
 */
public final class LogSafe {

	private LogSafe() {
	}

	/**
	 * Describe a received value, quoted and cut at 120 characters.
	 * @param value the value, may be {@code null}
	 * @return the description, {@code (none)} for {@code null}
	 */
	public static String quote(String value) {
		return (value != null) ? '"' + escape(value, 120) + '"' : "(none)";
	}

	/**
	 * Describe a received value as it is, cut at the given length.
	 * @param value the value, may be {@code null}
	 * @param maxLength how many characters are kept; {@code ...} marks a cut
	 * @return the description, {@code (none)} for {@code null}
	 */
	public static String escape(String value, int maxLength) {
		if (value == null) {
			return "(none)";
		}
		String cut = (value.length() > maxLength) ? value.substring(0, maxLength) : value;
		StringBuilder escaped = new StringBuilder(cut.length() + 8);
		cut.codePoints().forEach((c) -> {
			if (Character.isISOControl(c)) {
				escaped.append(String.format("\\u%04x", c));
			}
			else {
				escaped.appendCodePoint(c);
			}
		});
		return (value.length() > maxLength) ? escaped.append("...").toString() : escaped.toString();
	}

}
