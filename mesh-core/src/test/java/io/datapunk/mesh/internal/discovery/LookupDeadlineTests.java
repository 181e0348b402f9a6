package io.datapunk.mesh.internal.discovery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LookupDeadline} cuts a source's wait to what is left of the call's deadline, and
 * leaves it alone outside a call.
 */
class LookupDeadlineTests {

	@Test
	void waitOutsideACallShouldBeLeftAlone() {
		assertThat(LookupDeadline.cap(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void waitInsideACallShouldBeCutToTheTimeLeftAndRestoredAfter() {
		try (LookupDeadline.Scope outer = LookupDeadline.within(Duration.ofSeconds(30))) {
			assertThat(LookupDeadline.cap(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
			try (LookupDeadline.Scope inner = LookupDeadline.within(Duration.ofMillis(200))) {
				assertThat(LookupDeadline.cap(Duration.ofSeconds(1))).isLessThanOrEqualTo(Duration.ofMillis(200))
					.isPositive();
			}
			assertThat(LookupDeadline.cap(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
		}
		assertThat(LookupDeadline.cap(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void waitAfterTheDeadlineShouldBeZero() {
		try (LookupDeadline.Scope scope = LookupDeadline.within(Duration.ZERO)) {
			assertThat(LookupDeadline.cap(Duration.ofSeconds(1))).isZero();
		}
	}

}
