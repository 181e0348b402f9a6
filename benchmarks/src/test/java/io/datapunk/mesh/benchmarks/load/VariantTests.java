package io.datapunk.mesh.benchmarks.load;

import java.util.HashSet;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Variant}: each one starts, reaches every backend, and stops, so that
 * the benchmark keeps working as the mesh and its configuration change.
 *
 * @author datapunk mesh team
 */
class VariantTests {

	private static Backends backends;

	@BeforeAll
	static void startBackends() {
		backends = new Backends(8);
	}

	@AfterAll
	static void stopBackends() {
		backends.close();
	}

	@ParameterizedTest
	@EnumSource
	void openShouldReachEveryBackend(Variant variant) {
		Set<String> servedBy = new HashSet<>();
		try (VariantClient client = variant.open(backends.urls())) {
			// Round robin needs three calls; the mesh's p2c-ewma tries every backend it
			// has
			// no answer from yet, within a few more.
			for (int i = 0; i < 10 * Backends.COUNT; i++) {
				Item item = client.item("42");
				assertThat(item.id()).isEqualTo("42");
				servedBy.add(item.servedBy());
			}
		}
		assertThat(servedBy).containsExactlyInAnyOrder("backend-1", "backend-2", "backend-3");
	}

	@ParameterizedTest
	@EnumSource
	void onlyTheMeshAndTheObservedSpringCloudVariantShouldRecordClientObservations(Variant variant) {
		try (VariantClient client = variant.open(backends.urls())) {
			for (int i = 0; i < 5; i++) {
				client.item("42");
			}
			// Mesh clients name their calls' observation mesh.client.requests.
			String timer = (variant == Variant.MESH) ? "mesh.client.requests" : "http.client.requests";
			long observed = (client instanceof ContextVariantClient contextClient) ? contextClient.context()
				.getBean(MeterRegistry.class)
				.find(timer)
				.timers()
				.stream()
				.mapToLong(Timer::count)
				.sum() : 0;
			boolean shouldObserve = variant == Variant.MESH || variant == Variant.SPRING_CLOUD_OBSERVED;
			assertThat(observed).isEqualTo(shouldObserve ? 5 : 0);
		}
	}

}
