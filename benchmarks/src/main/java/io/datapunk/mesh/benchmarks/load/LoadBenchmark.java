package io.datapunk.mesh.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the load scenarios and prints a table per scenario. Per scenario and round, each
 * variant in turn gets healthy backends set up for the scenario, opens a fresh client (a
 * fresh application context for the mesh and spring-cloud variants), warms up, and is
 * measured; the variants take turns going first from one round to the next.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public final class LoadBenchmark {

	private static final String NODELAY = "sun.net.httpserver.nodelay";

	private LoadBenchmark() {
	}

	/**
	 * Run the scenarios the arguments name and print their tables.
	 * @param args the options, see {@link LoadOptions#USAGE}
	 * @param out where the tables go
	 * @return the exit status: 0 when the scenarios ran, 2 for bad arguments
	 */
	public static int run(String[] args, PrintStream out) {
		if (Arrays.asList(args).contains("--help")) {
			out.print(LoadOptions.USAGE);
			return 0;
		}
		LoadOptions options;
		try {
			options = LoadOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			out.println(ex.getMessage());
			out.print(LoadOptions.USAGE);
			return 2;
		}
		// Read once, when the JDK's server classes first load: set it before any backend.
		if (System.getProperty(NODELAY) == null) {
			System.setProperty(NODELAY, "true");
		}
		run(options, out);
		return 0;
	}

	/**
	 * Run the scenarios and print their tables.
	 * @param options the options
	 * @param out where the tables go
	 * @return every target check, in scenario order
	 */
	public static List<TargetCheck> run(LoadOptions options, PrintStream out) {
		out.printf(Locale.ROOT,
				"datapunk mesh load benchmark: %d calls in flight (a thread each for blocking variants), %s measured + %s"
						+ " warm-up per variant, %d round(s)%n",
				options.concurrency(), options.duration(), options.warmup(), options.rounds());
		out.println("HTTP client: " + options.client().id());
		out.println("machine: " + machine());
		if (!"true".equals(System.getProperty(NODELAY))) {
			out.println("WARNING: -D" + NODELAY + "=true is not set: the backends answer ~44 ms late");
		}
		List<TargetCheck> checks = new ArrayList<>();
		Long meshOverheadP99 = null;
		// Enough threads for every call in flight at one backend (a slow one gathers
		// them)
		// and some retries; no more, since at hundreds of calls in flight thousands of
		// idle backend threads slowed every variant down (GC scans their stacks).
		try (Backends backends = new Backends(Math.max(32, options.concurrency() + options.concurrency() / 4))) {
			out.println("threads before any client, the backends' left out: " + new ThreadCensus().count()
					+ " (the JVM's own and this harness's; the threads column counts them too)");
			warmUp(backends, options, out);
			for (Scenario scenario : options.scenarios()) {
				out.println();
				out.println("== " + scenario.id() + ": " + scenario.description());
				out.flush();
				ScenarioReport report = new ScenarioReport(scenario, runScenario(scenario, backends, options, out),
						meshOverheadP99);
				report.print(out);
				checks.addAll(report.targets());
				if (scenario == Scenario.OVERHEAD) {
					meshOverheadP99 = report.meshP99();
				}
				out.flush();
			}
		}
		out.println();
		out.println("== targets (the mesh, " + options.concurrency() + " callers)");
		checks.forEach(out::println);
		out.println("machine after: " + machine());
		out.flush();
		return checks;
	}

	/**
	 * Run every variant once on healthy backends, unmeasured, so that the first scenario
	 * does not measure whichever variant runs first on a cold JVM.
	 */
	private static void warmUp(Backends backends, LoadOptions options, PrintStream out) {
		if (options.jvmWarmup().isZero()) {
			return;
		}
		out.println("JVM warm-up: every variant for " + options.jvmWarmup() + " on healthy backends, not measured");
		out.flush();
		LoadOptions warmUp = new LoadOptions(options.jvmWarmup(), Duration.ZERO, Duration.ZERO, options.concurrency(),
				1, List.of(Scenario.OVERHEAD), options.variants(), options.client());
		for (Variant variant : options.variants()) {
			backends.reset();
			try (VariantClient client = variant.open(backends.urls(), options.client())) {
				LoadRun.run(variant, client, backends, Scenario.OVERHEAD, warmUp);
			}
		}
		System.gc();
	}

	private static Map<Variant, VariantResults> runScenario(Scenario scenario, Backends backends, LoadOptions options,
			PrintStream out) {
		Map<Variant, VariantResults> results = new LinkedHashMap<>();
		options.variants().forEach((variant) -> results.put(variant, new VariantResults(variant)));
		List<Variant> order = new ArrayList<>(options.variants());
		for (int round = 1; round <= options.rounds(); round++) {
			for (Variant variant : order) {
				backends.reset();
				scenario.prepare(backends);
				RunResult result;
				String description;
				try (VariantClient client = variant.open(backends.urls(), options.client())) {
					description = client.description();
					result = LoadRun.run(variant, client, backends, scenario, options);
				}
				results.get(variant).add(result);
				out.printf(Locale.ROOT, "   round %d/%d %-21s %9d calls %7d errors %9.1f calls/s%s%n", round,
						options.rounds(), variant.id(), result.calls(), result.errors(), result.throughput(),
						description.isEmpty() ? "" : "   (" + description + ")");
				out.flush();
				// Leave the next run less of this one's garbage and idle clients.
				System.gc();
			}
			// Take turns going first.
			order.add(order.remove(0));
		}
		return results;
	}

	private static String machine() {
		return Runtime.getRuntime().availableProcessors() + " CPUs, Java " + System.getProperty("java.version") + " ("
				+ System.getProperty("java.vm.name") + "), load average " + loadAverage();
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return String.format(Locale.ROOT, "%.2f",
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}

}
