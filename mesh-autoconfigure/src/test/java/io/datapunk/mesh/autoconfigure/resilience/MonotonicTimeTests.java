package io.datapunk.mesh.autoconfigure.resilience;

import io.datapunk.mesh.autoconfigure.config.MeshSettingsResolver;
import java.time.Duration;
import java.util.List;

import io.datapunk.mesh.autoconfigure.config.MeshProperties;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.test.FakeTicker;
import io.datapunk.mesh.test.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.resilience.InstanceOutlierState;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.internal.resilience.OutlierListener;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.internal.resilience.RetryBudget;

/**
 * Ejections and retry budgets measure time with a monotonic ticker, as the registry the
 * auto-configuration makes does: the wall clock stepped back an hour (NTP, a VM resumed)
 * neither keeps an instance ejected for that hour nor freezes the budget.
 */
class MonotonicTimeTests {

	private final MutableClock wallClock = new MutableClock();

	private final FakeTicker ticker = new FakeTicker();

	private final ResilienceRegistry registry = new ResilienceRegistry(
			MeshSettingsResolver.resolve(new MeshProperties(), null), CircuitBreakerRegistry.ofDefaults(), List.of(),
			this.wallClock, this.ticker, OutlierListener.NONE);

	private final ServiceInstance one = new DefaultServiceInstance(null, "inventory", "10.0.0.1", 8080, false);

	private final List<ServiceInstance> all = List.of(this.one,
			new DefaultServiceInstance(null, "inventory", "10.0.0.2", 8080, false));

	@Test
	void ejectionShouldEndOnTimeWhenTheWallClockStepsBackAnHour() {
		OutlierDetector detector = this.registry.forService("inventory").outlierDetector();
		detector.select(this.all);
		for (int i = 0; i < 5; i++) {
			detector.onFailure(this.one);
		}
		// Positive control: ejected, for the default 30 s less at most 10 % jitter.
		assertThat(detector.isEjected(this.one)).isTrue();
		this.wallClock.advance(Duration.ofHours(-1));
		this.ticker.advance(Duration.ofSeconds(26));
		assertThat(detector.isEjected(this.one)).as("ejected at 26 s").isTrue();
		this.ticker.advance(Duration.ofSeconds(4));
		assertThat(detector.isEjected(this.one)).as("ejected at 30 s").isFalse();
		assertThat(detector.select(this.all)).containsExactlyElementsOf(this.all);
	}

	@Test
	void shownEndOfEjectionShouldFollowTheWallClock() {
		OutlierDetector detector = this.registry.forService("inventory").outlierDetector();
		detector.select(this.all);
		for (int i = 0; i < 5; i++) {
			detector.onFailure(this.one);
		}
		this.wallClock.advance(Duration.ofHours(-1));
		InstanceOutlierState state = detector.snapshot().get(0);
		assertThat(state.ejectedUntil()).isAfter(this.wallClock.instant().plusSeconds(26))
			.isBeforeOrEqualTo(this.wallClock.instant().plusSeconds(30));
	}

	@Test
	void retriesShouldStillBeAllowedWhenTheWallClockStepsBackAnHour() {
		RetryBudget budget = this.registry.forService("inventory").retryBudget();
		// The default floor: 10 retries a second over a 10 s window.
		while (budget.tryWithdraw()) {
			// spend it all
		}
		assertThat(budget.available()).isZero();
		this.wallClock.advance(Duration.ofHours(-1));
		this.ticker.advance(Duration.ofSeconds(11));
		assertThat(budget.available()).isPositive();
		assertThat(budget.tryWithdraw()).isTrue();
	}

}
