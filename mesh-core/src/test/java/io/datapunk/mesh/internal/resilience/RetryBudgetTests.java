package io.datapunk.mesh.internal.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.datapunk.mesh.test.Concurrently;
import io.datapunk.mesh.test.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A retry budget allows a floor plus a share of recent requests, over a sliding window.
 */
class RetryBudgetTests {

	private static final Duration WINDOW = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock();

	@Test
	void withdrawWhenFloorSpentAndNoRequestsShouldRefuse() {
		RetryBudget budget = new RetryBudget(0.2, 10, WINDOW, this.clock);
		assertThat(withdrawAll(budget)).isEqualTo(100);
		assertThat(budget.tryWithdraw()).isFalse();
		assertThat(budget.available()).isZero();
	}

	@Test
	void depositShouldAllowTwentyRetriesPerHundredRequests() {
		RetryBudget budget = new RetryBudget(0.2, 0, WINDOW, this.clock);
		deposit(budget, 100);
		assertThat(budget.available()).isEqualTo(20);
		assertThat(withdrawAll(budget)).isEqualTo(20);
		deposit(budget, 4);
		assertThat(budget.tryWithdraw()).isFalse();
		deposit(budget, 1);
		assertThat(budget.tryWithdraw()).isTrue();
	}

	@Test
	void availableShouldAddFloorAndRatioAndSubtractWithdrawals() {
		RetryBudget budget = new RetryBudget(0.2, 1, WINDOW, this.clock);
		deposit(budget, 100);
		assertThat(budget.available()).isEqualTo(30);
		for (int i = 1; i <= 30; i++) {
			assertThat(budget.tryWithdraw()).isTrue();
			assertThat(budget.available()).isEqualTo(30 - i);
		}
		assertThat(budget.tryWithdraw()).isFalse();
	}

	@Test
	void availableShouldNotLoseARetryToFloatingPointRounding() {
		// 0.29 * 100 is 28.999999999999996 in doubles.
		RetryBudget budget = new RetryBudget(0.29, 0, WINDOW, this.clock);
		deposit(budget, 100);
		assertThat(budget.available()).isEqualTo(29);
	}

	@Test
	void withdrawWhenRatioIsZeroShouldAllowOnlyTheFloor() {
		RetryBudget budget = new RetryBudget(0, 2, WINDOW, this.clock);
		deposit(budget, 1000);
		assertThat(withdrawAll(budget)).isEqualTo(20);
	}

	@Test
	void withdrawalsShouldExpireAfterWindow() {
		RetryBudget budget = new RetryBudget(0.2, 1, WINDOW, this.clock);
		assertThat(withdrawAll(budget)).isEqualTo(10);
		this.clock.advance(WINDOW.minusMillis(1));
		assertThat(budget.tryWithdraw()).isFalse();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(budget.available()).isEqualTo(10);
	}

	@Test
	void depositsShouldExpireAfterWindow() {
		RetryBudget budget = new RetryBudget(0.2, 0, WINDOW, this.clock);
		deposit(budget, 100);
		this.clock.advance(WINDOW.minusMillis(1));
		assertThat(budget.available()).isEqualTo(20);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(budget.available()).isZero();
		assertThat(budget.tryWithdraw()).isFalse();
	}

	@Test
	void depositsShouldExpireOneSliceAtATime() {
		RetryBudget budget = new RetryBudget(0.2, 0, WINDOW, this.clock);
		deposit(budget, 50);
		this.clock.advance(Duration.ofSeconds(5));
		deposit(budget, 50);
		assertThat(budget.available()).isEqualTo(20);
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(budget.available()).isEqualTo(10);
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(budget.available()).isZero();
	}

	@Test
	void availableWhenRetriesOutliveTheirRequestsShouldBeZeroNotNegative() {
		RetryBudget budget = new RetryBudget(0.2, 1, WINDOW, this.clock);
		deposit(budget, 100);
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(withdrawAll(budget)).isEqualTo(30);
		this.clock.advance(Duration.ofSeconds(5));
		// The requests dropped out but the 30 retries still count against a floor of 10.
		assertThat(budget.available()).isZero();
		assertThat(budget.tryWithdraw()).isFalse();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(budget.available()).isEqualTo(10);
	}

	@Test
	void withdrawalsWhenClockStepsBackShouldStillCount() {
		RetryBudget budget = new RetryBudget(0.2, 1, WINDOW, this.clock);
		assertThat(withdrawAll(budget)).isEqualTo(10);
		this.clock.advance(Duration.ofSeconds(-30));
		assertThat(budget.tryWithdraw()).isFalse();
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(budget.tryWithdraw()).isFalse();
		this.clock.advance(WINDOW);
		assertThat(budget.available()).isEqualTo(10);
	}

	@Test
	void withdrawFromManyThreadsShouldNeverExceedTheBudget() throws Exception {
		RetryBudget budget = new RetryBudget(0.2, 1, WINDOW, this.clock);
		int threads = 8;
		int iterations = 10_000;
		AtomicLong withdrawn = new AtomicLong();
		Concurrently.repeat(threads, iterations, () -> {
			budget.deposit();
			// Ask for more than the ratio gives, so that threads compete for the last
			// retries.
			for (int attempt = 0; attempt < 3; attempt++) {
				if (budget.tryWithdraw()) {
					withdrawn.incrementAndGet();
				}
			}
		});
		long allowed = 10 + (threads * iterations) / 5;
		assertThat(withdrawn.get()).isLessThanOrEqualTo(allowed);
		assertThat(withdrawn.get() + budget.available()).isEqualTo(allowed);
	}

	@Test
	void gettersShouldReturnTheSettings() {
		RetryBudget budget = new RetryBudget(0.2, 10, WINDOW, this.clock);
		assertThat(budget.retryRatio()).isEqualTo(0.2);
		assertThat(budget.minRetriesPerSecond()).isEqualTo(10);
		assertThat(budget.window()).isEqualTo(WINDOW);
	}

	@Test
	void createWhenRetryRatioOutOfRangeShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryBudget(1.5, 10, WINDOW, this.clock))
			.withMessage("retryRatio must be between 0 and 1, but was 1.5");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryBudget(-0.1, 10, WINDOW, this.clock))
			.withMessage("retryRatio must be between 0 and 1, but was -0.1");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryBudget(Double.NaN, 10, WINDOW, this.clock))
			.withMessage("retryRatio must be between 0 and 1, but was NaN");
	}

	@Test
	void createWhenMinRetriesPerSecondNegativeShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryBudget(0.2, -1, WINDOW, this.clock))
			.withMessage("minRetriesPerSecond must be >= 0, but was -1");
	}

	@Test
	void createWhenWindowShorterThanOneSecondShouldFail() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryBudget(0.2, 10, Duration.ofMillis(999), this.clock))
			.withMessage("window must be at least 1 second, but was PT0.999S");
	}

	@Test
	void createWhenWindowOrClockNullShouldFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryBudget(0.2, 10, null, this.clock))
			.withMessage("window must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryBudget(0.2, 10, WINDOW, (Clock) null))
			.withMessage("clock must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryBudget(0.2, 10, WINDOW, (LongSupplier) null))
			.withMessage("ticker must not be null");
	}

	private static void deposit(RetryBudget budget, int requests) {
		for (int i = 0; i < requests; i++) {
			budget.deposit();
		}
	}

	private static int withdrawAll(RetryBudget budget) {
		int withdrawn = 0;
		while (budget.tryWithdraw()) {
			withdrawn++;
		}
		return withdrawn;
	}

}
