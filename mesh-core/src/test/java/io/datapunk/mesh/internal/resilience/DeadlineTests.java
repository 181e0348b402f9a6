package io.datapunk.mesh.internal.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deadline sends its time left as whole milliseconds, reads back only plain digit
 * strings, and the earlier of two deadlines wins.
 */
class DeadlineTests {

	@Test
	void headerValueShouldBeTheWholeMillisecondsLeftRoundedDown() {
		Deadline deadline = Deadline.after(Duration.ofMillis(1500));
		String value = deadline.toHeaderValue();
		assertThat(value).containsOnlyDigits();
		// Some time passed since the deadline was set; a slow machine may lose plenty.
		assertThat(Long.parseLong(value)).isBetween(1000L, 1500L);
	}

	@Test
	void headerValueShouldBeAtLeastOneWhileTimeIsLeft() {
		boolean sawTimeLeft = false;
		for (int i = 0; i < 100 && !sawTimeLeft; i++) {
			Deadline deadline = Deadline.after(Duration.ofNanos(999_000));
			String value = deadline.toHeaderValue();
			// Time left now means time was left when the value was taken: "1", not "0".
			if (deadline.remainingNanos() > 0) {
				assertThat(value).isEqualTo("1");
				sawTimeLeft = true;
			}
			else {
				assertThat(value).isIn("0", "1");
			}
		}
		assertThat(sawTimeLeft).as("a sub-millisecond deadline seen before it passed").isTrue();
	}

	@Test
	void headerValueShouldBeZeroOncePassed() throws InterruptedException {
		assertThat(Deadline.after(Duration.ZERO).toHeaderValue()).isEqualTo("0");
		Deadline deadline = Deadline.after(Duration.ofMillis(5));
		Thread.sleep(20);
		assertThat(deadline.toHeaderValue()).isEqualTo("0");
		assertThat(deadline.isExpired()).isTrue();
		assertThat(deadline.remaining()).isZero();
		assertThat(deadline.remainingNanos()).isNegative();
	}

	@Test
	void parseShouldReadDigitsAsMillisecondsFromNow() {
		Deadline deadline = Deadline.parseHeaderValue("300");
		assertThat(deadline).isNotNull();
		assertThat(deadline.timeout()).isEqualTo(Duration.ofMillis(300));
		assertThat(deadline.remaining()).isBetween(Duration.ofMillis(1), Duration.ofMillis(300));
	}

	@Test
	void parseShouldAcceptZeroAsAPassedDeadline() {
		Deadline deadline = Deadline.parseHeaderValue("0");
		assertThat(deadline).isNotNull();
		assertThat(deadline.isExpired()).isTrue();
	}

	@Test
	void parseShouldAcceptTenDigits() {
		Deadline deadline = Deadline.parseHeaderValue("9999999999");
		assertThat(deadline).isNotNull();
		assertThat(deadline.timeout()).isEqualTo(Duration.ofMillis(9_999_999_999L));
		assertThat(deadline.isExpired()).isFalse();
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "abc", "-5", "+5", " 5", "5 ", "1.5", "1e3", "0x10", "12345678901", "\u0663" })
	void parseShouldRejectAnythingButOneToTenDigits(String value) {
		assertThat(Deadline.parseHeaderValue(value)).isNull();
	}

	@Test
	void earliestShouldPickTheEarlierDeadline() {
		Deadline soon = Deadline.after(Duration.ofSeconds(1));
		Deadline later = Deadline.after(Duration.ofSeconds(2));
		assertThat(soon.earliest(later)).isSameAs(soon);
		assertThat(later.earliest(soon)).isSameAs(soon);
	}

	@Test
	void earliestShouldKeepThisDeadlineWhenOtherIsNull() {
		Deadline deadline = Deadline.after(Duration.ofSeconds(1));
		assertThat(deadline.earliest(null)).isSameAs(deadline);
	}

	@Test
	void earliestShouldPickAPassedDeadline() {
		Deadline passed = Deadline.after(Duration.ZERO);
		Deadline later = Deadline.after(Duration.ofSeconds(1));
		assertThat(later.earliest(passed)).isSameAs(passed);
	}

}
