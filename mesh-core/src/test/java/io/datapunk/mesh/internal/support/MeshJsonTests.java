package io.datapunk.mesh.internal.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The engine's JSON: Jackson 3 when present, else Jackson 2, and the same limits on
 * untrusted documents with both.
 */
class MeshJsonTests {

	static Stream<MeshJson> both() {
		return Stream.of(MeshJson.jackson3(), MeshJson.jackson2());
	}

	@Test
	void jackson3ShouldBeChosenFirstAndJackson2WithoutIt() {
		ClassLoader loader = getClass().getClassLoader();
		assertThat(MeshJson.select(loader).library()).isEqualTo("Jackson 3");
		assertThat(MeshJson.get().library()).isEqualTo("Jackson 3");
		ClassLoader withoutJackson3 = new HidingClassLoader(loader, "tools.jackson.");
		assertThat(MeshJson.isPresent(withoutJackson3)).isTrue();
		assertThat(MeshJson.select(withoutJackson3).library()).isEqualTo("Jackson 2");
	}

	@Test
	void withoutEitherJacksonTheMessageShouldSayWhatToAdd() {
		ClassLoader loader = getClass().getClassLoader();
		assertThat(MeshJson.isPresent(loader)).isTrue();
		ClassLoader withoutJackson = new HidingClassLoader(loader, "tools.jackson.", "com.fasterxml.jackson.");
		assertThat(MeshJson.isPresent(withoutJackson)).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> MeshJson.select(withoutJackson))
			.withMessageContaining("neither Jackson 3")
			.withMessageContaining("spring-boot-starter-jackson");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void documentShouldBeReadIntoPlainValues(MeshJson json) {
		Object read = json.read("{\"s\":\"x\",\"i\":1,\"l\":12345678901,\"b\":true,\"n\":null,\"a\":[1.5],"
				+ "\"big\":123456789012345678901234567890}");
		assertThat(read).isInstanceOf(Map.class);
		Map<?, ?> object = (Map<?, ?>) read;
		assertThat(object.get("n")).isNull();
		assertThat(List.<Object>copyOf(object.keySet())).containsExactly("s", "i", "l", "b", "n", "a", "big");
		assertThat(object.get("i")).isEqualTo(1);
		assertThat(object.get("l")).isEqualTo(12345678901L);
		assertThat(object.get("a")).isEqualTo(List.of(1.5));
		assertThat(JsonValues.isIntegral(object.get("big"))).isTrue();
		assertThat(JsonValues.isInt(object.get("l"))).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void nestingShouldStopAtTheSameDepth(MeshJson json) {
		assertThat(json.read(nested(MeshJson.MAX_DEPTH))).isInstanceOf(List.class);
		assertThatIllegalArgumentException().isThrownBy(() -> json.read(nested(MeshJson.MAX_DEPTH + 1)))
			.withMessage("not JSON");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void longNumbersShouldBeRefusedAtTheSameLength(MeshJson json) {
		assertThat(json.read("[" + "9".repeat(MeshJson.MAX_NUMBER_LENGTH) + "]")).isInstanceOf(List.class);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> json.read("[" + "9".repeat(MeshJson.MAX_NUMBER_LENGTH + 1) + "]"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void brokenDocumentsShouldBeRefusedWithoutQuotingThem(MeshJson json) {
		assertThat(json.read("{\"v\":1}")).isEqualTo(Map.of("v", 1));
		assertThatIllegalArgumentException().isThrownBy(() -> json.read("{\"v\":1} {\"v\":2}")).withMessage("not JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> json.read("{\"secret\":")).withMessage("not JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> json.read("{'v':1}")).withMessage("not JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> json.read("")).withMessage("not JSON");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void objectsShouldBeWrittenCompactInTheirOrder(MeshJson json) {
		Map<String, Object> object = new LinkedHashMap<>();
		object.put("z", "a/b \u0001 é");
		object.put("a", 1_767_000_000_000L);
		object.put("n", null);
		object.put("list", List.of(Map.of("k", true)));
		assertThat(json.write(object))
			.isEqualTo("{\"z\":\"a/b \\u0001 é\",\"a\":1767000000000,\"n\":null,\"list\":[{\"k\":true}]}");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void beansShouldBeWrittenWithoutNullProperties(MeshJson json) {
		assertThat(json.writeBean(new Registration("inventory-1", null))).isEqualTo("{\"ID\":\"inventory-1\"}");
	}

	private static String nested(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	/**
	 * A bean named the way Consul's model types are.
	 */
	record Registration(@com.fasterxml.jackson.annotation.JsonProperty("ID") String id,
			@com.fasterxml.jackson.annotation.JsonProperty("Name") String name) {

	}

	/**
	 * Hides packages, as an application class path without them would.
	 */
	static final class HidingClassLoader extends ClassLoader {

		private final String[] hidden;

		HidingClassLoader(ClassLoader parent, String... hidden) {
			super(parent);
			this.hidden = hidden;
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			for (String prefix : this.hidden) {
				if (name.startsWith(prefix)) {
					throw new ClassNotFoundException(name);
				}
			}
			return super.loadClass(name, resolve);
		}

	}

}
