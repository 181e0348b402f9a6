package io.datapunk.mesh.internal.resilience;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.datapunk.mesh.test.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hooks that share ejections between application instances: the listener hears this
 * detector's own decisions only, and ejections and readmissions from elsewhere are
 * applied within the detector's own limits.
 */
class OutlierDetectorSharingTests {

	private final MutableClock clock = new MutableClock();

	private final RecordingListener listener = new RecordingListener();

	private final OutlierDetector detector = new OutlierDetector("inventory", 2, Duration.ofSeconds(10),
			Duration.ofSeconds(30), 0.5, 0, this.clock, this.listener);

	private final ServiceInstance one = instance("10.0.0.1");

	private final ServiceInstance two = instance("10.0.0.2");

	private final List<ServiceInstance> all = List.of(this.one, this.two, instance("10.0.0.3"), instance("10.0.0.4"));

	@Test
	void ownEjectionAndReadmissionShouldBeTold() {
		this.detector.select(this.all);
		this.detector.onFailure(this.one);
		this.detector.onFailure(this.one);
		Instant until = this.clock.instant().plusSeconds(10);
		assertThat(this.listener.events).containsExactly("ejected http://10.0.0.1:8080 until " + until);
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.detector.isEjected(this.one)).isFalse();
		assertThat(this.listener.events).last().isEqualTo("readmitted http://10.0.0.1:8080 until " + until);
	}

	@Test
	void remoteEjectionShouldEjectTheSameAddressUntilItsEndWithoutTellingTheListener() {
		this.detector.select(this.all);
		Instant until = this.clock.instant().plusSeconds(5);
		assertThat(this.detector.applyEjection(URI.create("http://10.0.0.1:8080"), until)).isTrue();
		assertThat(this.detector.isEjected(this.one)).isTrue();
		assertThat(this.detector.select(this.all)).doesNotContain(this.one).hasSize(3);
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.detector.isEjected(this.one)).isFalse();
		assertThat(this.listener.events).isEmpty();
	}

	@Test
	void remoteEjectionShouldLastAtMostMaxEjectionTime() {
		this.detector.select(this.all);
		this.detector.applyEjection(URI.create("http://10.0.0.1:8080"),
				this.clock.instant().plus(Duration.ofDays(365)));
		assertThat(this.detector.snapshot().get(0).ejectedUntil())
			.isEqualTo(this.clock.instant().plus(Duration.ofSeconds(30)));
	}

	@Test
	void remoteEjectionShouldRespectTheMaximumShareOfEjectedInstances() {
		this.detector.select(this.all);
		Instant until = this.clock.instant().plusSeconds(5);
		assertThat(this.detector.applyEjection(URI.create("http://10.0.0.1:8080"), until)).isTrue();
		assertThat(this.detector.applyEjection(URI.create("http://10.0.0.2:8080"), until)).isTrue();
		assertThat(this.detector.applyEjection(URI.create("http://10.0.0.3:8080"), until)).isFalse();
		assertThat(this.detector.select(this.all)).hasSize(2);
	}

	@Test
	void remoteEjectionShouldNotShortenALongerOneHere() {
		this.detector.select(this.all);
		this.detector.onFailure(this.one);
		this.detector.onFailure(this.one);
		Instant localUntil = this.clock.instant().plusSeconds(10);
		assertThat(this.detector.applyEjection(URI.create("http://10.0.0.1:8080"), localUntil.minusSeconds(5)))
			.isTrue();
		assertThat(this.detector.snapshot().get(0).ejectedUntil()).isEqualTo(localUntil);
		assertThat(this.detector.applyEjection(URI.create("http://10.0.0.1:8080"), localUntil.plusSeconds(5))).isTrue();
		assertThat(this.detector.snapshot().get(0).ejectedUntil()).isEqualTo(localUntil.plusSeconds(5));
	}

	@Test
	void remoteEjectionThatEndedShouldBeIgnored() {
		assertThat(this.detector.applyEjection(URI.create("http://10.0.0.1:8080"), this.clock.instant())).isFalse();
		assertThat(this.detector.isEjected(this.one)).isFalse();
	}

	@Test
	void remoteReadmissionShouldEndTheSameEjectionButNotANewerOne() {
		this.detector.select(this.all);
		Instant until = this.clock.instant().plusSeconds(5);
		this.detector.applyEjection(URI.create("http://10.0.0.1:8080"), until);
		assertThat(this.detector.applyReadmission(URI.create("http://10.0.0.1:8080"), until)).isTrue();
		assertThat(this.detector.isEjected(this.one)).isFalse();

		this.detector.onFailure(this.two);
		this.detector.onFailure(this.two);
		assertThat(this.detector.applyReadmission(URI.create("http://10.0.0.2:8080"), until.minusSeconds(1))).isFalse();
		assertThat(this.detector.isEjected(this.two)).isTrue();
		assertThat(this.listener.events).hasSize(1);
	}

	@Test
	void remoteEjectionOfAnAddressNotInTheCurrentListShouldBeIgnoredAndNotKept() {
		this.detector.select(this.all);
		Instant until = this.clock.instant().plusSeconds(5);
		assertThat(this.detector.applyEjection(URI.create("http://10.9.9.9:8080"), until)).isFalse();
		// Nor the same host over another scheme or port.
		assertThat(this.detector.applyEjection(URI.create("https://10.0.0.1:8080"), until)).isFalse();
		assertThat(this.detector.applyEjection(URI.create("http://10.0.0.1:8081"), until)).isFalse();
		assertThat(this.detector.snapshot()).isEmpty();
		// Positive control: an address in the list is ejected.
		assertThat(this.detector.applyEjection(URI.create("http://10.0.0.1:8080"), until)).isTrue();
		assertThat(this.detector.snapshot()).extracting(InstanceOutlierState::instance)
			.containsExactly(URI.create("http://10.0.0.1:8080"));
	}

	@Test
	void madeUpEjectionsShouldNotMakeRoomForMoreRealOnes() {
		List<ServiceInstance> ten = new java.util.ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			ten.add(instance("10.0.1." + i));
		}
		OutlierDetector detector = new OutlierDetector("inventory", 2, Duration.ofSeconds(10), Duration.ofSeconds(30),
				0.2, 0, this.clock, this.listener);
		detector.select(ten);
		Instant until = this.clock.instant().plusSeconds(20);
		for (int i = 0; i < 60; i++) {
			detector.applyEjection(URI.create("http://192.168.7." + i + ":8080"), until);
		}
		int ejected = 0;
		for (ServiceInstance instance : ten) {
			ejected += detector.applyEjection(URI.create("http://" + instance.getHost() + ":8080"), until) ? 1 : 0;
		}
		assertThat(ejected).isEqualTo(2);
		assertThat(detector.select(ten)).hasSize(8);
		assertThat(detector.snapshot()).filteredOn(InstanceOutlierState::ejected).hasSize(2);
		assertThat(detector.snapshot())
			.allSatisfy((state) -> assertThat(state.instance().getHost()).startsWith("10.0.1."));
	}

	@Test
	void remoteReadmissionShouldNotLiftALocalEjection() {
		this.detector.select(this.all);
		this.detector.onFailure(this.one);
		this.detector.onFailure(this.one);
		Instant localUntil = this.clock.instant().plusSeconds(10);
		assertThat(this.detector.isEjected(this.one)).isTrue();
		assertThat(this.detector.applyReadmission(URI.create("http://10.0.0.1:8080"), localUntil.plusSeconds(60)))
			.isFalse();
		assertThat(this.detector.isEjected(this.one)).isTrue();
		// Lengthened by another application instance, it is still this one's own.
		this.detector.applyEjection(URI.create("http://10.0.0.1:8080"), localUntil.plusSeconds(5));
		assertThat(this.detector.applyReadmission(URI.create("http://10.0.0.1:8080"), localUntil.plusSeconds(60)))
			.isFalse();
		assertThat(this.detector.isEjected(this.one)).isTrue();
	}

	private static ServiceInstance instance(String host) {
		return new DefaultServiceInstance(null, "inventory", host, 8080, false);
	}

	static final class RecordingListener implements OutlierListener {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void ejected(String serviceId, URI instance, Instant until) {
			this.events.add("ejected " + instance + " until " + until);
		}

		@Override
		public void readmitted(String serviceId, URI instance, Instant ejectedUntil) {
			this.events.add("readmitted " + instance + " until " + ejectedUntil);
		}

	}

}
