package io.datapunk.mesh.internal.resilience;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.datapunk.mesh.test.Concurrently;
import io.datapunk.mesh.test.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Outlier ejection: counting, ejection, readmission, limits and panic mode.
 */
class OutlierDetectorTests {

	private static final Duration BASE = Duration.ofSeconds(30);

	private static final Duration MAX = Duration.ofSeconds(300);

	private final MutableClock clock = new MutableClock();

	private final List<ServiceInstance> instances = instances(3);

	private final ServiceInstance first = this.instances.get(0);

	@Test
	void fiveConsecutiveFailuresShouldEjectInstance() {
		OutlierDetector detector = detector(0.5, 0.5);
		fail(detector, this.first, 5);
		assertThat(detector.isEjected(this.first)).isTrue();
		assertThat(detector.snapshot()).singleElement()
			.isEqualTo(new InstanceOutlierState(URI.create("http://10.0.0.0:8080"), 5, true, now().plus(BASE), 1));
	}

	@Test
	void fourConsecutiveFailuresShouldNotEjectInstance() {
		OutlierDetector detector = detector(0.5, 0.5);
		fail(detector, this.first, 4);
		assertThat(detector.isEjected(this.first)).isFalse();
		assertThat(detector.snapshot()).singleElement()
			.isEqualTo(new InstanceOutlierState(URI.create("http://10.0.0.0:8080"), 4, false, null, 0));
	}

	@Test
	void successBetweenFailuresShouldResetTheCount() {
		OutlierDetector detector = detector(0.5, 0.5);
		fail(detector, this.first, 4);
		detector.onSuccess(this.first);
		fail(detector, this.first, 4);
		assertThat(detector.isEjected(this.first)).isFalse();
		fail(detector, this.first, 1);
		assertThat(detector.isEjected(this.first)).isTrue();
	}

	@Test
	void instancesShouldBeKeyedByAddressNotByInstanceId() {
		OutlierDetector detector = detector(0.5, 0.5);
		fail(detector, this.first, 4);
		fail(detector, new DefaultServiceInstance("other-id", "inventory", "10.0.0.0", 8080, false), 1);
		assertThat(detector.isEjected(new DefaultServiceInstance("third-id", "inventory", "10.0.0.0", 8080, false)))
			.isTrue();
		assertThat(detector.isEjected(new DefaultServiceInstance("inventory-0", "inventory", "10.0.0.0", 8443, true)))
			.isFalse();
	}

	@Test
	void selectShouldLeaveOutEjectedInstance() {
		OutlierDetector detector = detector(0.5, 0.5);
		detector.select(this.instances);
		fail(detector, this.first, 5);
		assertThat(detector.select(this.instances)).containsExactly(this.instances.get(1), this.instances.get(2));
		assertThat(detector.isPanicking()).isFalse();
	}

	@Test
	void ejectedInstanceShouldComeBackAfterBaseEjectionTime() {
		OutlierDetector detector = detector(0.5, 0.5);
		fail(detector, this.first, 5);
		this.clock.advance(BASE.minusMillis(1));
		assertThat(detector.select(this.instances)).doesNotContain(this.first);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(detector.select(this.instances)).isSameAs(this.instances);
		assertThat(detector.isEjected(this.first)).isFalse();
		assertThat(detector.snapshot()).singleElement()
			.isEqualTo(new InstanceOutlierState(URI.create("http://10.0.0.0:8080"), 0, false, null, 1));
	}

	@Test
	void secondEjectionShouldLastTwiceAsLong() {
		OutlierDetector detector = detector(0.5, 0.5);
		fail(detector, this.first, 5);
		this.clock.advance(BASE);
		fail(detector, this.first, 5);
		assertThat(ejectedUntil(detector)).isEqualTo(now().plus(BASE.multipliedBy(2)));
		assertThat(detector.snapshot().get(0).ejectionCount()).isEqualTo(2);
	}

	@Test
	void ejectionTimeShouldBeCappedAtMax() {
		OutlierDetector detector = new OutlierDetector("inventory", 5, BASE, Duration.ofSeconds(75), 0.5, 0.5,
				this.clock);
		fail(detector, this.first, 5);
		this.clock.advance(BASE);
		fail(detector, this.first, 5);
		this.clock.advance(BASE.multipliedBy(2));
		fail(detector, this.first, 5);
		assertThat(ejectedUntil(detector)).isEqualTo(now().plusSeconds(75));
	}

	@Test
	void multiplierShouldDecayByOneForEachBaseEjectionTimeWithoutEjection() {
		OutlierDetector detector = detector(0.5, 0.5);
		fail(detector, this.first, 5);
		this.clock.advance(BASE);
		fail(detector, this.first, 5);
		// Back after 60s; 59s later only one base ejection time has passed.
		this.clock.advance(BASE.multipliedBy(2));
		this.clock.advance(Duration.ofSeconds(59));
		fail(detector, this.first, 5);
		assertThat(ejectedUntil(detector)).isEqualTo(now().plus(BASE.multipliedBy(2)));
		// Back after 60s; 90s later the multiplier of 2 has decayed to 0.
		this.clock.advance(BASE.multipliedBy(2));
		this.clock.advance(Duration.ofSeconds(90));
		fail(detector, this.first, 5);
		assertThat(ejectedUntil(detector)).isEqualTo(now().plus(BASE));
	}

	@Test
	void maxEjectionRatioShouldLimitEjections() {
		OutlierDetector detector = detector(0.5, 0.0);
		detector.select(this.instances);
		fail(detector, this.instances.get(0), 5);
		fail(detector, this.instances.get(1), 6);
		assertThat(detector.isEjected(this.instances.get(0))).isTrue();
		assertThat(detector.isEjected(this.instances.get(1))).isFalse();
		assertThat(detector.snapshot().get(1).consecutiveFailures()).isEqualTo(6);
	}

	@Test
	void instanceRefusedForWantOfRoomShouldBeEjectedOnceRoomFreesUp() {
		OutlierDetector detector = detector(0.5, 0.0);
		detector.select(this.instances);
		fail(detector, this.instances.get(0), 5);
		fail(detector, this.instances.get(1), 5);
		this.clock.advance(BASE);
		fail(detector, this.instances.get(1), 1);
		assertThat(detector.isEjected(this.instances.get(0))).isFalse();
		assertThat(detector.isEjected(this.instances.get(1))).isTrue();
	}

	@Test
	void singleInstanceShouldBeEjectableWhateverTheRatio() {
		OutlierDetector detector = detector(0.5, 0.0);
		List<ServiceInstance> one = instances(1);
		detector.select(one);
		fail(detector, one.get(0), 5);
		assertThat(detector.isEjected(one.get(0))).isTrue();
		assertThat(detector.select(one)).isEmpty();
	}

	@Test
	void panicModeShouldReturnAllInstancesWhenTooFewRemain() {
		OutlierDetector detector = detector(1.0, 0.5);
		List<ServiceInstance> four = instances(4);
		detector.select(four);
		fail(detector, four.get(0), 5);
		fail(detector, four.get(1), 5);
		assertThat(detector.select(four)).containsExactly(four.get(2), four.get(3));
		assertThat(detector.isPanicking()).isFalse();
		fail(detector, four.get(2), 5);
		assertThat(detector.isEjected(four.get(2))).isTrue();
		assertThat(detector.select(four)).isSameAs(four);
		assertThat(detector.isPanicking()).isTrue();
		this.clock.advance(BASE);
		assertThat(detector.select(four)).isSameAs(four);
		assertThat(detector.isPanicking()).isFalse();
	}

	@Test
	void selectShouldReturnTheSameListWhenNothingIsEjected() {
		OutlierDetector detector = detector(0.5, 0.5);
		assertThat(detector.select(this.instances)).isSameAs(this.instances);
		fail(detector, this.first, 4);
		assertThat(detector.select(this.instances)).isSameAs(this.instances);
	}

	@Test
	void stateShouldBeForgottenForInstancesThatLeftTheList() {
		OutlierDetector detector = detector(0.5, 0.5);
		List<ServiceInstance> five = instances(5);
		detector.select(five);
		fail(detector, five.get(0), 5);
		fail(detector, five.get(1), 1);
		fail(detector, five.get(2), 1);
		fail(detector, five.get(3), 1);
		detector.select(List.of(five.get(3)));
		// The ejected one is kept until its time is up.
		assertThat(detector.snapshot()).extracting(InstanceOutlierState::instance)
			.containsExactly(URI.create("http://10.0.0.0:8080"), URI.create("http://10.0.0.3:8080"));
		this.clock.advance(BASE);
		detector.select(List.of(five.get(3)));
		detector.select(List.of(five.get(3)));
		assertThat(detector.snapshot()).extracting(InstanceOutlierState::instance)
			.containsExactly(URI.create("http://10.0.0.3:8080"));
	}

	@Test
	void constructorShouldRejectSettingsOutOfRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutlierDetector("inventory", 0, BASE, MAX, 0.1, 0.5, this.clock))
			.withMessage("consecutiveFailures must be >= 1, but was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutlierDetector("inventory", 5, Duration.ZERO, MAX, 0.1, 0.5, this.clock))
			.withMessage("baseEjectionTime must be > 0, but was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutlierDetector("inventory", 5, BASE, Duration.ofSeconds(10), 0.1, 0.5, this.clock))
			.withMessage("maxEjectionTime must be >= baseEjectionTime (PT30S), but was PT10S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutlierDetector("inventory", 5, BASE, MAX, 1.5, 0.5, this.clock))
			.withMessage("maxEjectionRatio must be between 0 and 1, but was 1.5");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutlierDetector("inventory", 5, BASE, MAX, 0.1, Double.NaN, this.clock))
			.withMessage("panicThreshold must be between 0 and 1, but was NaN");
	}

	@Test
	void concurrentFailuresShouldEjectOnlyOnce() throws Exception {
		OutlierDetector detector = detector(0.5, 0.5);
		detector.select(this.instances);
		Concurrently.repeat(16, 200, () -> detector.onFailure(this.first));
		assertThat(detector.snapshot()).singleElement().satisfies((state) -> {
			assertThat(state.ejected()).isTrue();
			assertThat(state.ejectionCount()).isEqualTo(1);
		});
	}

	@Test
	void concurrentFailuresOfManyInstancesShouldEjectNoMoreThanTheMax() throws Exception {
		OutlierDetector detector = detector(0.5, 0.0);
		List<ServiceInstance> eight = instances(8);
		detector.select(eight);
		Concurrently.repeat(16, 400, () -> eight.forEach(detector::onFailure));
		assertThat(detector.snapshot()).filteredOn(InstanceOutlierState::ejected).hasSize(4);
		assertThat(detector.select(eight)).hasSize(4);
	}

	@Test
	void hotPathsShouldNotAllocateWhileNothingIsEjected() {
		OutlierDetector detector = detector(0.5, 0.5);
		fail(detector, this.instances.get(1), 1);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		detector.onSuccess(this.instances.get(1));
		long before = threads.getCurrentThreadAllocatedBytes();
		for (int i = 0; i < 10_000; i++) {
			detector.onSuccess(this.first);
			detector.onSuccess(this.instances.get(1));
			detector.select(this.instances);
		}
		// One small object per call would be hundreds of kilobytes.
		assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(10_000);
	}

	private OutlierDetector detector(double maxEjectionRatio, double panicThreshold) {
		return new OutlierDetector("inventory", 5, BASE, MAX, maxEjectionRatio, panicThreshold, this.clock);
	}

	private Instant now() {
		return this.clock.instant();
	}

	private Instant ejectedUntil(OutlierDetector detector) {
		return detector.snapshot().get(0).ejectedUntil();
	}

	private static void fail(OutlierDetector detector, ServiceInstance instance, int times) {
		for (int i = 0; i < times; i++) {
			detector.onFailure(instance);
		}
	}

	private static List<ServiceInstance> instances(int count) {
		List<ServiceInstance> instances = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			instances.add(new DefaultServiceInstance("inventory-" + i, "inventory", "10.0.0." + i, 8080, false));
		}
		return instances;
	}

}
