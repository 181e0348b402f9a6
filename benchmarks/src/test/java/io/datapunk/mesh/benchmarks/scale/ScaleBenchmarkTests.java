package io.datapunk.mesh.benchmarks.scale;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The scale harness, with small counts: its options, the generated {@code @MeshClient}
 * interfaces, and one measured application.
 */
class ScaleBenchmarkTests {

	@Test
	void optionsShouldBeReadAndBadOnesRefused() {
		ScaleOptions options = ScaleOptions.parse("--services", "2,5", "--interfaces", "7", "--steps", "startup");
		assertThat(options.services()).containsExactly(2, 5);
		assertThat(options.interfaces()).isEqualTo(7);
		assertThat(options.steps()).containsExactly("startup");
		assertThat(options.instances()).isEqualTo(ScaleOptions.defaults().instances());
		assertThatIllegalArgumentException().isThrownBy(() -> ScaleOptions.parse("--services", "5"))
			.withMessageContaining("at least two");
		assertThatIllegalArgumentException().isThrownBy(() -> ScaleOptions.parse("--interfaces", "0"));
		assertThatIllegalArgumentException().isThrownBy(() -> ScaleOptions.parse("--interfaces", "1e9"));
		assertThatIllegalArgumentException().isThrownBy(() -> ScaleOptions.parse("--steps", "services,load"));
		assertThatIllegalArgumentException().isThrownBy(() -> ScaleOptions.parse("--color", "red"));
		assertThatIllegalArgumentException().isThrownBy(() -> ScaleOptions.parse("--services"));
	}

	@Test
	void aBadOptionShouldEndTheCommandWithStatusTwo() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ScaleBenchmark.run(new String[] { "--services", "x" }, new PrintStream(out, true))).isEqualTo(2);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("--services");
	}

	@Test
	void generatedInterfacesShouldBeFoundByTheScanAndCallThroughTheMesh() throws Exception {
		try (GeneratedMeshClients clients = GeneratedMeshClients.generate(3);
				ConfigurableApplicationContext context = ScaleContexts.start(3, 2, false, clients.classLoader())) {
			for (int i = 0; i < 3; i++) {
				Class<?> type = clients.load(i);
				Object client = ScaleContexts.inClassLoader(clients.classLoader(), () -> context.getBean(type));
				String item = (String) type.getMethod("item", String.class).invoke(client, "42");
				assertThat(item).contains("Brass Lantern");
			}
		}
	}

	@Test
	void aStartupShouldCountTheInterfacesItCreated() throws Exception {
		try (GeneratedMeshClients two = GeneratedMeshClients.generate(2)) {
			Startup startup = Startup.measure(two, 2);
			assertThat(startup.meshClientBeans()).isEqualTo(2);
			assertThat(startup.millis()).isPositive();
		}
	}

	@Test
	void aHeapSampleShouldSeeTheApplicationAndItsThreads() {
		HeapSample sample = HeapSample.measure(2, 2, true, 1);
		// A started application keeps megabytes (its context), whatever the noise.
		assertThat(sample.startedBytes()).isGreaterThan(100_000);
		// The mesh's own threads, started with the context.
		assertThat(sample.threadKinds().keySet()).anyMatch((kind) -> kind.startsWith("mesh-"));
	}

}
