package io.datapunk.mesh.internal.support;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Questions the codecs ask of values {@link MeshJson#read read} from untrusted JSON, one
 * place for what counts as a number or a text, whichever Jackson read it. {@link #field}
 * reads an absent field and a {@code null} one the same; {@link #has} tells them apart.
 *
 * @since 0.1.0
 */
public final class JsonValues {

	private JsonValues() {
	}

	/**
	 * Return a field of an object.
	 * @param object a read value, of any kind
	 * @param name the field name
	 * @return the field's value, {@code null} if it is absent or the value is no object
	 */
	public static Object field(Object object, String name) {
		return (object instanceof Map<?, ?> map) ? map.get(name) : null;
	}

	/**
	 * Tell whether an object has a field, {@code null} or not.
	 * @param object a read value, of any kind
	 * @param name the field name
	 * @return whether the value is an object with that field
	 */
	public static boolean has(Object object, String name) {
		return object instanceof Map<?, ?> map && map.containsKey(name);
	}

	/**
	 * Tell whether a value is a whole number that fits an {@code int}.
	 * @param value a read value
	 * @return whether it is
	 */
	public static boolean isInt(Object value) {
		return value instanceof Integer;
	}

	/**
	 * Tell whether a value is a whole number (written without fraction or exponent), of
	 * any size.
	 * @param value a read value
	 * @return whether it is
	 */
	public static boolean isIntegral(Object value) {
		return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
	}

	/**
	 * Return a value as text: a string as it is, a number or boolean as written.
	 * @param value a read value
	 * @param absent what to return for {@code null}
	 * @return the text; an empty one for an object or a list
	 */
	public static String text(Object value, String absent) {
		if (value == null) {
			return absent;
		}
		if (value instanceof Map || value instanceof List) {
			return "";
		}
		return value.toString();
	}

	/**
	 * Return a value as a boolean: {@code true} or {@code false}, an {@code int} or
	 * {@code long} other than zero, or the text {@code "true"} or {@code "false"}.
	 * @param value a read value
	 * @param otherwise what to return for anything else
	 * @return the boolean
	 */
	public static boolean bool(Object value, boolean otherwise) {
		if (value instanceof Boolean bool) {
			return bool;
		}
		if (value instanceof Integer || value instanceof Long) {
			return ((Number) value).longValue() != 0;
		}
		if (value instanceof String text) {
			String trimmed = text.trim();
			if ("true".equals(trimmed) || "false".equals(trimmed)) {
				return Boolean.parseBoolean(trimmed);
			}
		}
		return otherwise;
	}

}
