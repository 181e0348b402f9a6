package io.datapunk.mesh.internal.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Received values in log lines: control characters escaped, long values cut.
 */
class LogSafeTests {

	@Test
	void quoteShouldEscapeControlCharactersAndCutAt120() {
		assertThat(LogSafe.quote("x\u001b[31m\nforged")).isEqualTo("\"x\\u001b[31m\\u000aforged\"");
		assertThat(LogSafe.quote("y".repeat(200))).isEqualTo('"' + "y".repeat(120) + "...\"");
		assertThat(LogSafe.quote(null)).isEqualTo("(none)");
	}

	@Test
	void escapeShouldKeepShortValuesAsTheyAre() {
		assertThat(LogSafe.escape("10.0.0.1", 100)).isEqualTo("10.0.0.1");
		assertThat(LogSafe.escape("h".repeat(101), 100)).isEqualTo("h".repeat(100) + "...");
	}

}
