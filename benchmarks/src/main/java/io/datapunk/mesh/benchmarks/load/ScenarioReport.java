package io.datapunk.mesh.benchmarks.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table of one scenario: every variant's counts and latencies, the mesh's ratios to
 * the others, and the targets for the mesh.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
final class ScenarioReport {

	private static final double[] PERCENTILES = { 50, 90, 99, 99.9 };

	private final Scenario scenario;

	private final Map<Variant, VariantResults> results;

	private final Long meshOverheadP99;

	/**
	 * Create a report.
	 * @param scenario the scenario
	 * @param results the results of every variant that ran, in table order
	 * @param meshOverheadP99 the mesh's p99 in {@code overhead} in this run, or
	 * {@code null} if unknown
	 */
	ScenarioReport(Scenario scenario, Map<Variant, VariantResults> results, Long meshOverheadP99) {
		this.scenario = scenario;
		this.results = results;
		this.meshOverheadP99 = meshOverheadP99;
	}

	Long meshP99() {
		VariantResults mesh = this.results.get(Variant.MESH);
		return (mesh != null) ? mesh.latency(99) : null;
	}

	void print(PrintStream out) {
		out.printf(Locale.ROOT, "%-21s %9s %7s %9s %9s %9s %9s %9s %8s %8s %7s %5s  %s%n", "variant", "calls", "errors",
				"calls/s", "p50 us", "p90 us", "p99 us", "p99.9 us", "cpu/call", "req/call", "threads", "busy",
				"backend share %");
		for (VariantResults result : this.results.values()) {
			long[] shares = result.backendShares();
			out.printf(Locale.ROOT, "%-21s %9d %7d %9.1f %9d %9d %9d %9d %8.1f %8.2f %7.0f %5.0f  %d/%d/%d%n",
					result.variant().id(), result.calls(), result.errors(), result.throughput(),
					result.latency(PERCENTILES[0]), result.latency(PERCENTILES[1]), result.latency(PERCENTILES[2]),
					result.latency(PERCENTILES[3]), result.cpuPerCall(), result.requestsPerCall(), result.threads(),
					result.busyThreads(), shares[0], shares[1], shares[2]);
		}
		ratio(out, Variant.MESH, Variant.RAW);
		ratio(out, Variant.MESH, Variant.SPRING_CLOUD);
		ratio(out, Variant.MESH, Variant.SPRING_CLOUD_OBSERVED);
		ratio(out, Variant.MESH_REACTIVE, Variant.RAW_REACTIVE);
		ratio(out, Variant.MESH_REACTIVE, Variant.SPRING_CLOUD_REACTIVE);
		this.results.values().forEach((result) -> printErrors(out, result));
		targets().forEach((check) -> out.println("target  " + check));
	}

	private void ratio(PrintStream out, Variant subject, Variant other) {
		VariantResults mesh = this.results.get(subject);
		VariantResults base = this.results.get(other);
		if (mesh == null || base == null) {
			return;
		}
		if (mesh.calls() == 0 || base.calls() == 0) {
			out.printf(Locale.ROOT, "%-27s n/a (no calls measured)%n", subject.id() + "/" + other.id() + ":");
			return;
		}
		double[] throughput = perRound(mesh, base, (run, baseRun) -> run.throughput() / baseRun.throughput());
		double[] p50 = perRound(mesh, base, (run, baseRun) -> p50(run) - p50(baseRun));
		double[] p99 = perRound(mesh, base, (run, baseRun) -> p99(run) / Math.max(1, p99(baseRun)));
		double[] cpu = perRound(mesh, base, (run, baseRun) -> cpuPerCall(run) / cpuPerCall(baseRun));
		out.printf(Locale.ROOT, "%-27s throughput %.2fx%s   p50 %+.0f us%s   p99 %.2fx%s   cpu/call %.2fx%s%n",
				subject.id() + "/" + other.id() + ":", Stats.median(throughput), spread(throughput, "%.2f"),
				Stats.median(p50), spread(p50, "%+.0f"), Stats.median(p99), spread(p99, "%.2f"), Stats.median(cpu),
				spread(cpu, "%.2f"));
	}

	/**
	 * Return a measure per round, comparing the runs of one round: they ran side by side,
	 * so a comparison within a round is less noisy than one of totals.
	 */
	static double[] perRound(VariantResults variant, VariantResults base, RoundComparison comparison) {
		int rounds = Math.min(variant.runs().size(), base.runs().size());
		double[] values = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			values[i] = comparison.compare(variant.runs().get(i), base.runs().get(i));
		}
		return values;
	}

	/**
	 * Return the median over the rounds of the throughput ratio of two variants.
	 */
	static double throughputRatio(VariantResults variant, VariantResults base) {
		return Stats.median(perRound(variant, base, (run, baseRun) -> run.throughput() / baseRun.throughput()));
	}

	/**
	 * Return the median over the rounds of the p50 difference of two variants, in
	 * microseconds.
	 */
	static double p50Difference(VariantResults variant, VariantResults base) {
		return Stats.median(perRound(variant, base, (run, baseRun) -> p50(run) - p50(baseRun)));
	}

	private static double p50(RunResult run) {
		return run.latencies().getValueAtPercentile(50);
	}

	private static double p99(RunResult run) {
		return run.latencies().getValueAtPercentile(99);
	}

	private static double cpuPerCall(RunResult run) {
		return (double) run.cpuNanos() / Math.max(1, run.calls());
	}

	private static String spread(double[] values, String format) {
		if (values.length < 2) {
			return "";
		}
		double min = Arrays.stream(values).min().getAsDouble();
		double max = Arrays.stream(values).max().getAsDouble();
		return " (rounds " + String.format(Locale.ROOT, format, min) + ".." + String.format(Locale.ROOT, format, max)
				+ ")";
	}

	private static void printErrors(PrintStream out, VariantResults result) {
		result.errorKinds()
			.entrySet()
			.stream()
			.sorted((a, b) -> Long.compare(b.getValue().count(), a.getValue().count()))
			.limit(3)
			.forEach((kind) -> out.printf(Locale.ROOT, "errors  %s: %d x %s; e.g. %s%n", result.variant().id(),
					kind.getValue().count(), kind.getKey(), kind.getValue().example()));
	}

	List<TargetCheck> targets() {
		List<TargetCheck> checks = new ArrayList<>();
		VariantResults mesh = this.results.get(Variant.MESH);
		if (mesh == null) {
			return checks;
		}
		VariantResults raw = this.results.get(Variant.RAW);
		VariantResults springCloud = this.results.get(Variant.SPRING_CLOUD);
		switch (this.scenario) {
			case OVERHEAD -> {
				if (raw != null) {
					double ratio = throughputRatio(mesh, raw);
					checks.add(check("mesh throughput >= 0.9x raw", ratio >= 0.9, "%.2fx", ratio));
					double difference = p50Difference(mesh, raw);
					checks.add(check("mesh p50 within 50 us of raw", difference <= 50, "%+.0f us", difference));
				}
				if (springCloud != null) {
					double ratio = throughputRatio(mesh, springCloud);
					double difference = p50Difference(mesh, springCloud);
					checks.add(check("mesh ahead of spring-cloud (more calls/s, lower p50)",
							ratio > 1 && difference < 0, "throughput %.2fx, p50 %+.0f us", ratio, difference));
				}
			}
			case SLOW_ONE -> {
				long p99 = mesh.latency(99);
				if (this.meshOverheadP99 != null) {
					checks.add(check("mesh p99 <= 2x its p99 in overhead", p99 <= 2 * this.meshOverheadP99,
							"%d us vs 2 x %d us = %.1fx", p99, this.meshOverheadP99,
							(double) p99 / this.meshOverheadP99));
				}
				else {
					checks.add(new TargetCheck(this.scenario, "mesh p99 <= 2x its p99 in overhead", null,
							"p99 " + p99 + " us; run overhead in the same command to compare"));
				}
			}
			case FAILOVER, FLAKY ->
				checks.add(check("mesh: 0 errors seen by the caller", mesh.errors() == 0, "%d errors", mesh.errors()));
		}
		return checks;
	}

	/**
	 * Compares the runs of two variants in one round.
	 */
	@FunctionalInterface
	interface RoundComparison {

		double compare(RunResult run, RunResult baseRun);

	}

	private TargetCheck check(String target, boolean met, String format, Object... values) {
		return new TargetCheck(this.scenario, target, met, String.format(Locale.ROOT, format, values));
	}

}
