package io.datapunk.mesh.internal.support;

import java.util.List;
import java.util.Map;

import org.springframework.util.ClassUtils;

/**
 * The engine's one way to read and write JSON (values in Redis, mesh events, Consul's
 * answers), over whichever Jackson the application has: Jackson 3
 * ({@code tools.jackson.databind}, Spring Boot 4's) if present, else Jackson 2
 * ({@code com.fasterxml.jackson.databind}, Spring Boot 3.5's). A document is read into
 * plain Java values and written from them, so the codecs apply their own rules the same
 * way on both, and both write the same bytes for the same value: applications on either
 * line share one Redis tier.
 * <p>
 * Every document read is untrusted: both implementations refuse, with the same limits,
 * nesting deeper than {@value #MAX_DEPTH}, strings longer than
 * {@value #MAX_STRING_LENGTH} characters, numbers longer than {@value #MAX_NUMBER_LENGTH}
 * digits, field names longer than {@value #MAX_NAME_LENGTH} characters, and anything
 * after the first value. Thread-safe.
 *
 * @since 0.1.0
 */
public abstract class MeshJson {

	/** A class of Jackson 3's data binding, present when Jackson 3 is. */
	public static final String JACKSON_3 = "tools.jackson.databind.json.JsonMapper";

	/** A class of Jackson 2's data binding, present when Jackson 2 is. */
	public static final String JACKSON_2 = "com.fasterxml.jackson.databind.ObjectMapper";

	/**
	 * Deepest nesting read: the mesh's own formats nest four deep and Consul's answers
	 * about ten; Gson, which read Consul's answers before, stopped at the same depth.
	 */
	static final int MAX_DEPTH = 255;

	/**
	 * Longest string read (Jackson 2's default; Jackson 3 would allow five times more).
	 */
	static final int MAX_STRING_LENGTH = 20_000_000;

	/** Longest number read, in characters (the default of both). */
	static final int MAX_NUMBER_LENGTH = 1000;

	/** Longest field name read, in characters (the default of both). */
	static final int MAX_NAME_LENGTH = 50_000;

	private static volatile MeshJson available;

	/**
	 * Return the implementation over the Jackson the class path has, Jackson 3 first.
	 * @return the implementation
	 * @throws IllegalStateException if neither Jackson 3 nor Jackson 2 is present
	 */
	public static MeshJson get() {
		MeshJson json = available;
		if (json == null) {
			json = select(MeshJson.class.getClassLoader());
			available = json;
		}
		return json;
	}

	/**
	 * Tell whether a JSON implementation is present, without loading it.
	 * @param classLoader the class loader to look in
	 * @return whether Jackson 3 or Jackson 2 is present
	 */
	public static boolean isPresent(ClassLoader classLoader) {
		return ClassUtils.isPresent(JACKSON_3, classLoader) || ClassUtils.isPresent(JACKSON_2, classLoader);
	}

	static MeshJson select(ClassLoader classLoader) {
		if (ClassUtils.isPresent(JACKSON_3, classLoader)) {
			return jackson3();
		}
		if (ClassUtils.isPresent(JACKSON_2, classLoader)) {
			return jackson2();
		}
		throw new IllegalStateException("The mesh reads and writes JSON with Jackson, but neither Jackson 3 "
				+ "(tools.jackson.core:jackson-databind) nor Jackson 2 (com.fasterxml.jackson.core:jackson-databind) "
				+ "is on the class path: add spring-boot-starter-jackson (Spring Boot 4) or spring-boot-starter-json "
				+ "(Spring Boot 3.5)");
	}

	/**
	 * Return the implementation over Jackson 3, which must be present.
	 * @return the implementation
	 */
	public static MeshJson jackson3() {
		return new Jackson3Json();
	}

	/**
	 * Return the implementation over Jackson 2, which must be present.
	 * @return the implementation
	 */
	public static MeshJson jackson2() {
		return new Jackson2Json();
	}

	/**
	 * Read a document.
	 * @param json the document, untrusted
	 * @return its value: a {@link Map} of field names to values (in document order), a
	 * {@link List}, a {@link String}, an {@link Integer}, {@link Long} or
	 * {@link java.math.BigInteger} (the smallest that holds it), a {@link Double}, a
	 * {@link Boolean} or {@code null}
	 * @throws IllegalArgumentException if it is no JSON or breaks one of the limits
	 */
	public abstract Object read(String json);

	/**
	 * Write an object, compact, its fields in the map's order.
	 * @param object the fields; values are maps, lists, strings, numbers, booleans or
	 * {@code null}
	 * @return the JSON
	 */
	public abstract String write(Map<String, ?> object);

	/**
	 * Write a bean as its Jackson annotations ({@code com.fasterxml.jackson.annotation},
	 * read by both) say, leaving out properties that are {@code null}: for a library's
	 * model type, such as a Consul registration.
	 * @param bean the bean
	 * @return the JSON
	 */
	public abstract String writeBean(Object bean);

	/**
	 * Return the name of the library, for messages and tests.
	 * @return {@code Jackson 3} or {@code Jackson 2}
	 */
	public abstract String library();

	@Override
	public String toString() {
		return "MeshJson[" + library() + "]";
	}

}
