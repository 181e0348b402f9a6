package io.datapunk.mesh.internal.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * HMAC-SHA256 signatures of the values the mesh puts in Redis.
 */
class MessageSignerTests {

	private static final String KEY = "0123456789abcdef-fleet-key";

	private final MessageSigner signer = MessageSigner.of(KEY);

	@Test
	void signedValueShouldVerifyToTheSignedObjectAndStayReadableJson() {
		String signed = this.signer.sign("event", "{\"v\":1,\"a\":\"b\"}");
		assertThat(signed).startsWith("{\"v\":1,\"a\":\"b\",\"sig\":\"").endsWith("\"}");
		assertThat(this.signer.verify("event", signed)).isEqualTo("{\"v\":1,\"a\":\"b\"}");
	}

	@Test
	void unsignedTamperedOrOtherwiseKeyedValuesShouldBeRefused() {
		String signed = this.signer.sign("event", "{\"v\":1,\"a\":\"b\"}");
		assertThatIllegalArgumentException().isThrownBy(() -> this.signer.verify("event", "{\"v\":1,\"a\":\"b\"}"))
			.withMessage("not signed");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.signer.verify("event", signed.replace("\"b\"", "\"c\"")))
			.withMessage("bad signature");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MessageSigner.of("another-key-of-16-chars").verify("event", signed))
			.withMessage("bad signature");
		// A signed event does not pass for a list.
		assertThatIllegalArgumentException().isThrownBy(() -> this.signer.verify("instances", signed));
	}

	@Test
	void withoutAKeyNothingShouldBeSignedAndEverythingAccepted() {
		assertThat(MessageSigner.NONE.sign("event", "{}")).isEqualTo("{}");
		String signed = this.signer.sign("event", "{\"v\":1}");
		assertThat(MessageSigner.NONE.verify("event", signed)).isEqualTo(signed);
	}

	@Test
	void keyShouldAppearInNoDescription() {
		assertThat(this.signer.toString()).doesNotContain(KEY);
		assertThatIllegalArgumentException().isThrownBy(() -> this.signer.verify("event", "{}"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(KEY));
	}

}
