package io.datapunk.mesh.benchmarks.load;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Variant}: each one starts, reaches every backend, and stops, so that
 * the benchmark keeps working as the mesh and its configuration change.
 *
 * @author datapunk mesh team
 */
class VariantTests {

	/**
	 * The variants whose calls are observed: the mesh's, and those on Spring Boot's
	 * builders.
	 */
	private static final Set<Variant> OBSERVED = EnumSet.of(Variant.MESH, Variant.SPRING_CLOUD_OBSERVED,
			Variant.MESH_REACTIVE, Variant.SPRING_CLOUD_REACTIVE);

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
			warmUp(client);
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
	@EnumSource(names = { "RAW_REACTIVE", "MESH_REACTIVE", "SPRING_CLOUD_REACTIVE" })
	void reactiveVariantsShouldReachEveryBackendWithoutBlocking(Variant variant) {
		try (VariantClient client = variant.open(backends.urls())) {
			assertThat(client).isInstanceOf(ReactiveVariantClient.class);
			ReactiveVariantClient reactive = (ReactiveVariantClient) client;
			warmUp(client);
			// Thirty calls at once, none blocking: every backend serves some.
			List<Item> items = Flux.range(0, 10 * Backends.COUNT)
				.flatMap((i) -> reactive.reactiveItem(Integer.toString(i)))
				.collectList()
				.block(Duration.ofSeconds(60));
			assertThat(items).hasSize(10 * Backends.COUNT);
			assertThat(items).extracting(Item::servedBy)
				.containsOnly("backend-1", "backend-2", "backend-3")
				.contains("backend-1", "backend-2", "backend-3");
		}
	}

	@ParameterizedTest
	@EnumSource
	void onlyTheMeshAndTheObservedSpringCloudVariantsShouldRecordClientObservations(Variant variant) {
		try (VariantClient client = variant.open(backends.urls())) {
			warmUp(client);
			// Mesh clients name their calls' observation mesh.client.requests; a
			// WebClient
			// from the @MeshWebClient builder is Spring Boot's, observed as any other.
			String timer = (variant == Variant.MESH) ? "mesh.client.requests" : "http.client.requests";
			long before = observedCalls(client, timer);
			for (int i = 0; i < 5; i++) {
				client.item("42");
			}
			assertThat(observedCalls(client, timer) - before).isEqualTo(OBSERVED.contains(variant) ? 5 : 0);
		}
	}

	/**
	 * Make calls until one succeeds: Spring Cloud's circuit breaker keeps Resilience4j's
	 * default 1 s time limiter, which a cold first call (class loading, connection
	 * set-up) can pass on a loaded 2-core machine. The variants stay as the benchmark
	 * runs them; only the tests wait for them to be warm.
	 */
	private static void warmUp(VariantClient client) {
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> client.item("42") != null);
	}

	private static long observedCalls(VariantClient client, String timer) {
		ConfigurableApplicationContext context = (client instanceof ContextVariantClient contextClient)
				? contextClient.context()
				: (client instanceof ReactiveContextVariantClient reactiveClient) ? reactiveClient.context() : null;
		return (context != null)
				? context.getBean(MeterRegistry.class).find(timer).timers().stream().mapToLong(Timer::count).sum() : 0;
	}

}
