package io.datapunk.mesh.internal.support;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Backoff doubles its ceiling up to a maximum and picks a random delay below it.
 */
class BackoffTests {

	private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

	@Test
	void ceilingShouldDoubleUntilMax() {
		assertThat(this.backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(this.backoff.ceiling(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(this.backoff.ceiling(3)).isEqualTo(Duration.ofMillis(400));
		assertThat(this.backoff.ceiling(4)).isEqualTo(Duration.ofMillis(800));
		assertThat(this.backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void delayShouldStayBelowCeilingAndVary() {
		for (int retry = 1; retry <= 6; retry++) {
			Duration ceiling = this.backoff.ceiling(retry);
			Set<Duration> delays = new HashSet<>();
			for (int i = 0; i < 1000; i++) {
				Duration delay = this.backoff.delay(retry);
				assertThat(delay).isBetween(Duration.ZERO, ceiling);
				delays.add(delay);
			}
			assertThat(delays).hasSizeGreaterThan(1);
		}
	}

	@Test
	void ceilingWhenRetryNumberHugeShouldBeMax() {
		for (int retry : new int[] { 63, 64, 65, 1000, Integer.MAX_VALUE }) {
			assertThat(this.backoff.ceiling(retry)).isEqualTo(Duration.ofSeconds(1));
			assertThat(this.backoff.delay(retry)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

	@Test
	void ceilingWhenBaseTinyAndMaxForeverShouldNotOverflow() {
		Backoff backoff = new Backoff(Duration.ofNanos(1), ChronoUnit.FOREVER.getDuration());
		assertThat(backoff.ceiling(63)).isEqualTo(Duration.ofNanos(1L << 62));
		assertThat(backoff.ceiling(64)).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
		assertThat(backoff.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
		assertThat(backoff.delay(Integer.MAX_VALUE)).isBetween(Duration.ZERO, Duration.ofNanos(Long.MAX_VALUE));
	}

	@Test
	void delayWhenRetryNumberBelowOneShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.backoff.delay(0))
			.withMessage("retryNumber must be >= 1, but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> this.backoff.ceiling(-1))
			.withMessage("retryNumber must be >= 1, but was -1");
	}

	@Test
	void createWhenBaseNotPositiveShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
			.withMessage("base must be > 0, but was PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofMillis(-1), Duration.ofSeconds(1)))
			.withMessage("base must be > 0, but was PT-0.001S");
	}

	@Test
	void createWhenMaxBelowBaseShouldFail() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofMillis(100), Duration.ofMillis(50)))
			.withMessage("max must be >= base (PT0.1S), but was PT0.05S");
	}

	@Test
	void createWhenNullShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(null, Duration.ofSeconds(1)))
			.withMessage("base must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofMillis(100), null))
			.withMessage("max must not be null");
	}

}
