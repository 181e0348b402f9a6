package io.datapunk.mesh.internal.cache;

import java.net.URI;
import java.time.Instant;

import io.datapunk.mesh.internal.support.MeshJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The JSON of mesh events: what is written is read back; what could be hostile is refused
 * naming the rule. Each test runs with Jackson 3 and with Jackson 2.
 */
class MeshEventCodecTests {

	private final Instant until = Instant.ofEpochMilli(1_767_000_000_000L);

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.datapunk.mesh.internal.cache.JsonLibraries#both")
	void eventShouldBeReadBackAsWritten(MeshJson json) {
		MeshEventCodec codec = new MeshEventCodec(json);
		MeshEvent event = new MeshEvent(MeshEvent.Type.EJECTED, "storefront:1", "inventory",
				URI.create("http://10.0.0.7:8080"), this.until, this.until);
		assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
		MeshEvent changed = new MeshEvent(MeshEvent.Type.INSTANCES_CHANGED, "storefront:1", "inventory", null, null,
				this.until);
		assertThat(codec.decode(codec.encode(changed))).isEqualTo(changed);
		MeshEvent ipv6 = new MeshEvent(MeshEvent.Type.READMITTED, "storefront:1", "inventory",
				URI.create("https://[::1]:8443"), this.until, this.until);
		assertThat(codec.decode(codec.encode(ipv6))).isEqualTo(ipv6);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.datapunk.mesh.internal.cache.JsonLibraries#both")
	void laterVersionShouldBeToldApartAndRefused(MeshJson json) {
		MeshEventCodec codec = new MeshEventCodec(json);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> codec
				.decode("{\"v\":2,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"inventory\",\"expires\":1}"))
			.withMessageContaining("version \"2\", not 1");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("io.datapunk.mesh.internal.cache.JsonLibraries#both")
	void hostileValuesShouldBeRefused(MeshJson json) {
		MeshEventCodec codec = new MeshEventCodec(json);
		assertRefused(codec, "{\"v\":1,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"Inventory;rm\","
				+ "\"instance\":\"http://h:1\",\"until\":1,\"expires\":1}", "bad service name");
		assertRefused(codec, "{\"v\":1,\"type\":\"ejected\",\"origin\":\"a b\",\"service\":\"inventory\","
				+ "\"instance\":\"http://h:1\",\"until\":1,\"expires\":1}", "bad origin");
		assertRefused(codec, "{\"v\":1,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"inventory\","
				+ "\"instance\":\"http://h\",\"until\":1,\"expires\":1}", "bad instance address");
		assertRefused(codec, "{\"v\":1,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"inventory\","
				+ "\"instance\":\"http://h_:1\",\"until\":1,\"expires\":1}", "bad instance address");
		assertRefused(codec, "{\"v\":1,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"inventory\","
				+ "\"instance\":\"http://h:1\",\"until\":\"soon\",\"expires\":1}", "no end of ejection");
		assertRefused(codec, "{\"v\":1,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"inventory\"}", "no expiry");
		assertRefused(codec, "{\"v\":1,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"inventory\",\"expires\":1,"
				+ "\"pad\":\"" + "x".repeat(3000) + "\"}", "longer than 2048");
		assertRefused(codec, "{\"v\":1,\"type\":\"x\\u001b[31m\"}", "unknown type \"x\\u001b[31m\"");
	}

	private void assertRefused(MeshEventCodec codec, String message, String rule) {
		assertThatIllegalArgumentException().isThrownBy(() -> codec.decode(message)).withMessageContaining(rule);
	}

}
