package io.datapunk.mesh.internal.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Warnings about bad Redis values: at most one per kind a minute, the next counting those
 * left out; time from a fake ticker.
 */
class RateLimitedWarningsTests {

	private final AtomicLong nanos = new AtomicLong(123_456_789);

	private final List<String> logged = new ArrayList<>();

	private final RateLimitedWarnings warnings = new RateLimitedWarnings(new NoOpLog() {

		@Override
		public void warn(Object message) {
			RateLimitedWarningsTests.this.logged.add(message.toString());
		}

	}, Duration.ofMinutes(1), this.nanos::get);

	@Test
	void floodShouldBeLoggedOnceAMinutePerKindWithACountOfTheRest() {
		for (int i = 0; i < 1000; i++) {
			this.warnings.warn("refused event", "bad event " + i);
		}
		this.warnings.warn("refused list", "bad list");
		assertThat(this.logged).containsExactly("bad event 0", "bad list");
		this.nanos.addAndGet(Duration.ofSeconds(59).toNanos());
		this.warnings.warn("refused event", "bad event late");
		assertThat(this.logged).hasSize(2);
		this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		this.warnings.warn("refused event", "bad event next");
		assertThat(this.logged).last()
			.isEqualTo("bad event next (1000 more like it left out of the log since the last)");
	}

	@Test
	void onceShouldLogEachKindOnceAndRememberABoundedNumberOfKinds() {
		RateLimitedWarnings once = RateLimitedWarnings.once(new NoOpLog() {

			@Override
			public void warn(Object message) {
				RateLimitedWarningsTests.this.logged.add(message.toString());
			}

		}, 2);
		assertThat(once.warn("a", "first a")).isTrue();
		assertThat(once.warn("a", "second a")).isFalse();
		assertThat(once.warn("b", "first b")).isTrue();
		// A third kind is past the bound: left out.
		assertThat(once.warn("c", "first c")).isFalse();
		assertThat(this.logged).containsExactly("first a", "first b");
	}

}
