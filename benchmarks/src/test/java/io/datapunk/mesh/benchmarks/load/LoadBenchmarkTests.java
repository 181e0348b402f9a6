package io.datapunk.mesh.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoadBenchmark}. Nothing here judges speed; {@link VariantTests} checks
 * that the other variants start and call.
 *
 * @author datapunk mesh team
 */
class LoadBenchmarkTests {

	private static final int THREADS = 9;

	private static final int BUSY = 10;

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
	void runOfAReactiveVariantShouldKeepTheCallsInFlightWithoutAThreadEach() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
		LoadOptions options = LoadOptions.parse("--scenarios", "overhead", "--variants", "raw-reactive,raw",
				"--duration", "500ms", "--warmup", "200ms", "--jvm-warmup", "0s", "--concurrency", "64");
		LoadBenchmark.run(options, out);
		String output = buffer.toString(StandardCharsets.UTF_8);
		assertThat(output).containsPattern("(?m)^raw-reactive +[1-9]\\d* +0 ");
		// Positive control: the blocking variant's 64 callers are threads of their own.
		assertThat(column(output, "raw", THREADS)).isGreaterThanOrEqualTo(64);
		// The threads that ran during the reactive window: the live count also holds
		// idle threads that earlier tests in this JVM left (HTTP clients' pools).
		assertThat(column(output, "raw-reactive", BUSY)).isPositive()
			.isLessThan(64)
			.isLessThanOrEqualTo(column(output, "raw-reactive", THREADS));
	}

	/**
	 * Return a whole-number column of a variant's row: calls errors calls/s p50 p90 p99
	 * p99.9 cpu/call req/call threads busy share.
	 */
	private static int column(String output, String variant, int column) {
		Matcher row = Pattern.compile("(?m)^" + Pattern.quote(variant) + " +(.*)$").matcher(output);
		assertThat(row.find()).as("row of " + variant).isTrue();
		return Integer.parseInt(row.group(1).trim().split(" +")[column]);
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
