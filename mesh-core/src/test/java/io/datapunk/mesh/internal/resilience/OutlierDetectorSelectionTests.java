package io.datapunk.mesh.internal.resilience;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.datapunk.mesh.test.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * While an instance is ejected, every call selects among the others: the selection is
 * made once per list and ejection state, not on every call.
 */
class OutlierDetectorSelectionTests {

	private static final Duration BASE = Duration.ofSeconds(30);

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final OutlierDetector detector = new OutlierDetector("inventory",
			new EjectionRules(5, BASE, Duration.ofSeconds(300), 0.5, 0.5), new MutableClock(), this.nanos::get,
			OutlierListener.NONE);

	private final List<ServiceInstance> instances = instances(4);

	@Test
	void theSameSelectionShouldServeEveryCallWhileTheEjectionsStayTheSame() {
		this.detector.select(this.instances);
		eject(this.instances.get(0));
		List<ServiceInstance> selected = this.detector.select(this.instances);
		assertThat(selected).containsExactlyElementsOf(this.instances.subList(1, 4));
		assertThat(this.detector.select(this.instances)).isSameAs(selected);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(selected::clear);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();
		for (int i = 0; i < 10_000; i++) {
			this.detector.select(this.instances);
		}
		// A list per call would be hundreds of kilobytes.
		assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(10_000);
	}

	@Test
	void anotherEjectionShouldChangeTheSelection() {
		this.detector.select(this.instances);
		eject(this.instances.get(0));
		assertThat(this.detector.select(this.instances)).hasSize(3);
		eject(this.instances.get(1));
		assertThat(this.detector.select(this.instances)).containsExactlyElementsOf(this.instances.subList(2, 4));
	}

	@Test
	void aReadmissionShouldChangeTheSelection() {
		this.detector.select(this.instances);
		eject(this.instances.get(0));
		assertThat(this.detector.select(this.instances)).hasSize(3);
		// Past the longest jittered first ejection.
		this.nanos.addAndGet(BASE.multipliedBy(2).toNanos());
		assertThat(this.detector.select(this.instances)).isSameAs(this.instances);
	}

	@Test
	void anotherListShouldBeJudgedAfresh() {
		this.detector.select(this.instances);
		eject(this.instances.get(0));
		assertThat(this.detector.select(this.instances)).hasSize(3);
		List<ServiceInstance> changed = instances(4).subList(0, 3);
		assertThat(this.detector.select(changed)).containsExactlyElementsOf(changed.subList(1, 3));
	}

	private void eject(ServiceInstance instance) {
		for (int i = 0; i < 5; i++) {
			this.detector.onFailure(instance);
		}
		assertThat(this.detector.isEjected(instance)).isTrue();
	}

	private static List<ServiceInstance> instances(int count) {
		List<ServiceInstance> instances = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			instances.add(new DefaultServiceInstance("inventory-" + i, "inventory", "10.0.0." + i, 8080, false));
		}
		return instances;
	}

}
