package io.datapunk.mesh.internal.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link IdleServices} on a fake ticker: who is released, when, and what a call made
 * meanwhile keeps.
 */
class IdleServicesTests {

	private static final Duration IDLE = Duration.ofMinutes(10);

	private final AtomicLong ticker = new AtomicLong(System.nanoTime());

	private final IdleServices idle = new IdleServices(IDLE, Set.of("inventory"), this.ticker::get);

	private final List<Set<String>> released = new ArrayList<>();

	private final List<ServiceStateHolder> holders = List.of(this.released::add);

	@Test
	void serviceShouldBeReleasedOnlyOnceIdleForTheTimeout() {
		this.idle.touch("catalog");
		this.idle.touch("billing");
		this.ticker.addAndGet(IDLE.minusSeconds(1).toNanos());
		this.idle.touch("billing");
		assertThat(this.idle.sweep(this.holders)).isEmpty();
		this.ticker.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(this.idle.sweep(this.holders)).containsExactly("catalog");
		assertThat(this.released).containsExactly(Set.of("catalog"));
		assertThat(this.idle.size()).isOne();
		this.ticker.addAndGet(IDLE.toNanos());
		assertThat(this.idle.sweep(this.holders)).containsExactly("billing");
		assertThat(this.idle.size()).isZero();
	}

	@Test
	void configuredServiceShouldNeverBeReleased() {
		this.idle.touch("inventory");
		this.idle.touch("catalog");
		this.ticker.addAndGet(IDLE.multipliedBy(100).toNanos());
		assertThat(this.idle.sweep(this.holders)).containsExactly("catalog");
		assertThat(this.released).noneMatch((ids) -> ids.contains("inventory"));
	}

	@Test
	void wallClockStepShouldNotMatterOnlyTheTicker() {
		this.idle.touch("catalog");
		// The ticker is all it reads: nothing happens without it moving.
		assertThat(this.idle.sweep(this.holders)).isEmpty();
		this.ticker.addAndGet(IDLE.toNanos());
		assertThat(this.idle.sweep(this.holders)).containsExactly("catalog");
	}

	@Test
	void callAfterReleaseShouldBeTrackedAgain() {
		this.idle.touch("catalog");
		this.ticker.addAndGet(IDLE.toNanos());
		assertThat(this.idle.sweep(this.holders)).containsExactly("catalog");
		this.idle.touch("catalog");
		assertThat(this.idle.size()).isOne();
		this.ticker.addAndGet(IDLE.toNanos());
		assertThat(this.idle.sweep(this.holders)).containsExactly("catalog");
	}

	@Test
	void failingHolderShouldNotKeepTheOthersState() {
		List<ServiceStateHolder> withFailing = List.of((ids) -> {
			throw new IllegalStateException("broken holder");
		}, this.released::add);
		this.idle.touch("catalog");
		this.ticker.addAndGet(IDLE.toNanos());
		this.idle.sweep(withFailing);
		assertThat(this.released).containsExactly(Set.of("catalog"));
	}

	@Test
	void nonPositiveTimeoutShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new IdleServices(Duration.ZERO, Set.of()))
			.withMessageContaining("idleTimeout must be > 0, but was PT0S");
	}

	@Test
	void sweepPeriodShouldBeAQuarterOfTheTimeoutAndAtMostAMinute() {
		assertThat(IdleServiceSweeper.period(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(250));
		assertThat(IdleServiceSweeper.period(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(1));
	}

}
