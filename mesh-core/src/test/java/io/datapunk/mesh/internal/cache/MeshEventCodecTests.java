package io.datapunk.mesh.internal.cache;

import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The JSON of mesh events: what is written is read back; what could be hostile is refused
 * naming the rule.
 */
class MeshEventCodecTests {

	private final MeshEventCodec codec = new MeshEventCodec();

	private final Instant until = Instant.ofEpochMilli(1_767_000_000_000L);

	@Test
	void eventShouldBeReadBackAsWritten() {
		MeshEvent event = new MeshEvent(MeshEvent.Type.EJECTED, "storefront:1", "inventory",
				URI.create("http://10.0.0.7:8080"), this.until, this.until);
		assertThat(this.codec.decode(this.codec.encode(event))).isEqualTo(event);
		MeshEvent changed = new MeshEvent(MeshEvent.Type.INSTANCES_CHANGED, "storefront:1", "inventory", null, null,
				this.until);
		assertThat(this.codec.decode(this.codec.encode(changed))).isEqualTo(changed);
		MeshEvent ipv6 = new MeshEvent(MeshEvent.Type.READMITTED, "storefront:1", "inventory",
				URI.create("https://[::1]:8443"), this.until, this.until);
		assertThat(this.codec.decode(this.codec.encode(ipv6))).isEqualTo(ipv6);
	}

	@Test
	void laterVersionShouldBeToldApartAndRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.codec
				.decode("{\"v\":2,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"inventory\",\"expires\":1}"))
			.withMessageContaining("version \"2\", not 1");
	}

	@Test
	void hostileValuesShouldBeRefused() {
		assertRefused("{\"v\":1,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"Inventory;rm\","
				+ "\"instance\":\"http://h:1\",\"until\":1,\"expires\":1}", "bad service name");
		assertRefused("{\"v\":1,\"type\":\"ejected\",\"origin\":\"a b\",\"service\":\"inventory\","
				+ "\"instance\":\"http://h:1\",\"until\":1,\"expires\":1}", "bad origin");
		assertRefused("{\"v\":1,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"inventory\","
				+ "\"instance\":\"http://h\",\"until\":1,\"expires\":1}", "bad instance address");
		assertRefused("{\"v\":1,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"inventory\","
				+ "\"instance\":\"http://h_:1\",\"until\":1,\"expires\":1}", "bad instance address");
		assertRefused("{\"v\":1,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"inventory\","
				+ "\"instance\":\"http://h:1\",\"until\":\"soon\",\"expires\":1}", "no end of ejection");
		assertRefused("{\"v\":1,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"inventory\"}", "no expiry");
		assertRefused("{\"v\":1,\"type\":\"ejected\",\"origin\":\"a\",\"service\":\"inventory\",\"expires\":1,"
				+ "\"pad\":\"" + "x".repeat(3000) + "\"}", "longer than 2048");
		assertRefused("{\"v\":1,\"type\":\"x\\u001b[31m\"}", "unknown type \"x\\u001b[31m\"");
	}

	private void assertRefused(String message, String rule) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.decode(message)).withMessageContaining(rule);
	}

}
