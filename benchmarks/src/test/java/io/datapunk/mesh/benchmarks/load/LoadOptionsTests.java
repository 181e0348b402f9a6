package io.datapunk.mesh.benchmarks.load;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LoadOptions}.
 *
 * @author datapunk mesh team
 */
class LoadOptionsTests {

	@Test
	void parseWithoutArgumentsShouldRunEverythingWithDefaults() {
		LoadOptions options = LoadOptions.parse();
		assertThat(options.duration()).isEqualTo(Duration.ofSeconds(15));
		assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.jvmWarmup()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.concurrency()).isEqualTo(8);
		assertThat(options.rounds()).isOne();
		assertThat(options.scenarios()).containsExactly(Scenario.values());
		assertThat(options.variants()).containsExactly(Variant.values());
		assertThat(options.client()).isEqualTo(ClientLibrary.JDK);
	}

	@Test
	void parseShouldReadTheClientLibrary() {
		assertThat(LoadOptions.parse("--client", "apache").client()).isEqualTo(ClientLibrary.APACHE);
		assertThat(LoadOptions.parse("--client", "reactor").client()).isEqualTo(ClientLibrary.REACTOR);
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--client", "okhttp"))
			.withMessageContaining("Unknown client 'okhttp'")
			.withMessageContaining("jdk, apache, jetty, reactor");
	}

	@Test
	void parseShouldReadEveryOption() {
		LoadOptions options = LoadOptions.parse("--duration", "20s", "--warmup", "500ms", "--concurrency", "4",
				"--rounds", "3", "--scenarios", "slow-one,flaky", "--variants", "mesh,spring-cloud");
		assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
		assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
		assertThat(options.jvmWarmup()).isEqualTo(Duration.ofMillis(500));
		assertThat(options.concurrency()).isEqualTo(4);
		assertThat(options.rounds()).isEqualTo(3);
		assertThat(options.scenarios()).isEqualTo(List.of(Scenario.SLOW_ONE, Scenario.FLAKY));
		assertThat(options.variants()).isEqualTo(List.of(Variant.MESH, Variant.SPRING_CLOUD));
	}

	@Test
	void parseShouldReadTheReactiveVariants() {
		LoadOptions options = LoadOptions.parse("--variants", "raw-reactive,mesh-reactive,spring-cloud-reactive,raw");
		assertThat(options.variants()).containsExactly(Variant.RAW_REACTIVE, Variant.MESH_REACTIVE,
				Variant.SPRING_CLOUD_REACTIVE, Variant.RAW);
	}

	@Test
	void parseWhenVariantIsUnknownShouldNameTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--variants", "reactive"))
			.withMessageContaining("Unknown variant 'reactive'")
			.withMessageContaining("raw-reactive, mesh-reactive, spring-cloud-reactive");
	}

	@Test
	void parseWithJvmWarmupShouldKeepItApartFromTheWarmup() {
		LoadOptions options = LoadOptions.parse("--warmup", "0s", "--jvm-warmup", "3s");
		assertThat(options.warmup()).isZero();
		assertThat(options.jvmWarmup()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void parseWhenScenarioIsUnknownShouldNameTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--scenarios", "slow"))
			.withMessageContaining("Unknown scenario 'slow'")
			.withMessageContaining("overhead, slow-one, failover, flaky");
	}

	@Test
	void parseWhenDurationIsBadShouldSaySo() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--duration", "soon"))
			.withMessageContaining("--duration must be a duration");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--duration", "0s"))
			.withMessageContaining("--duration must be > 0");
	}

	@Test
	void parseWhenValueIsMissingShouldSaySo() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadOptions.parse("--concurrency"))
			.withMessage("Missing value of --concurrency");
	}

}
