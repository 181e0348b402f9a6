package io.datapunk.mesh.internal.discovery.consul;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Backoffs}.
 */
class BackoffsTests {

	private static final Duration MIN = Duration.ofMillis(200);

	private static final Duration MAX = Duration.ofSeconds(5);

	@RepeatedTest(20)
	void waitDoublesPerFailureBetweenHalfAndAllOfItsCeiling() {
		assertThat(Backoffs.next(1, MIN, MAX)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
		assertThat(Backoffs.next(2, MIN, MAX)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
		assertThat(Backoffs.next(4, MIN, MAX)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1600));
	}

	@RepeatedTest(20)
	void waitNeverExceedsTheMaximumEvenAfterManyFailures() {
		assertThat(Backoffs.next(1000, MIN, MAX)).isBetween(Duration.ofMillis(2500), MAX);
	}

}
