package io.datapunk.mesh.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoadBenchmark}. Nothing here judges speed; {@link VariantTests} checks
 * that the other variants start and call.
 *
 * @author datapunk mesh team
 */
class LoadBenchmarkTests {

	@Test
	void runShouldMeasureAndPrintTheTableAndTheTargets() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
		// failover: a backend is stopped mid-run, and must be back for the next round.
		List<TargetCheck> checks = LoadBenchmark.run(LoadOptions.parse("--scenarios", "overhead,failover", "--variants",
				"raw", "--rounds", "2", "--duration", "300ms", "--warmup", "0s", "--concurrency", "2"), out);
		String output = buffer.toString(StandardCharsets.UTF_8);
		assertThat(output).contains("== overhead:").contains("== failover:").contains("== targets");
		assertThat(output).containsPattern("(?m)^raw +[1-9]\\d* ");
		assertThat(output).containsPattern("round 2/2 raw +[1-9]\\d* calls");
		// The mesh did not run: nothing to check.
		assertThat(checks).isEmpty();
	}

	@Test
	void runWithHelpShouldPrintTheOptions() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		int status = LoadBenchmark.run(new String[] { "--help" },
				new PrintStream(buffer, true, StandardCharsets.UTF_8));
		assertThat(status).isZero();
		assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("--concurrency").contains("--scenarios");
	}

	@Test
	void runWithBadOptionShouldFailWithStatus2() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		int status = LoadBenchmark.run(new String[] { "--speed", "max" },
				new PrintStream(buffer, true, StandardCharsets.UTF_8));
		assertThat(status).isEqualTo(2);
		assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("Unknown option '--speed'");
	}

}
