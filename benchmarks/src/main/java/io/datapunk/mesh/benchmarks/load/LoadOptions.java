package io.datapunk.mesh.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.convert.DurationStyle;

/**
 * The options of a load run, from the command line.
 *
 * @param duration measured time of each variant in each round
 * @param warmup time each variant runs before it is measured, in each round
 * @param jvmWarmup time each variant runs once, unmeasured, before the first scenario
 * @param concurrency callers, each making one call after another: threads for blocking
 * variants, calls kept in flight for reactive ones
 * @param rounds how often every variant runs per scenario; the variants take turns
 * starting a round, so that noise hits them alike
 * @param scenarios the scenarios, in order
 * @param variants the variants
 * @param client the HTTP client library under the variants built on one
 * @author datapunk mesh team
 * @since 0.1.0
 */
public record LoadOptions(Duration duration, Duration warmup, Duration jvmWarmup, int concurrency, int rounds,
		List<Scenario> scenarios, List<Variant> variants, ClientLibrary client) {

	/**
	 * What {@code --help} prints.
	 */
	public static final String USAGE = """
			Options (all optional):
			  --duration 15s        measured time of each variant per round (ms, s, m)
			  --warmup 5s           unmeasured time before it, per variant and round
			  --jvm-warmup 5s       unmeasured time of every variant before the first scenario
			                        (default: --warmup); with --warmup 0s, each run then measures
			                        a fresh client from its first call on a warm JVM
			  --concurrency 8       calls in flight, each caller making one call after another
			                        (a thread per caller for blocking variants, none for reactive ones)
			  --rounds 1            runs of every variant per scenario; variants take turns going first
			  --scenarios all       comma-separated: overhead,slow-one,failover,flaky
			  --variants all        comma-separated: raw,mesh,spring-cloud,spring-cloud-observed,
			                        raw-reactive,mesh-reactive,spring-cloud-reactive
			  --client jdk          HTTP client under the blocking variants: jdk (what the starter
			                        alone gets), apache (HttpClient 5), jetty, reactor (Reactor Netty)
			""";

	/**
	 * Check the options.
	 */
	public LoadOptions {
		require(!duration.isNegative() && !duration.isZero(), "--duration must be > 0, but was " + duration);
		require(!warmup.isNegative(), "--warmup must be >= 0, but was " + warmup);
		require(!jvmWarmup.isNegative(), "--jvm-warmup must be >= 0, but was " + jvmWarmup);
		require(concurrency > 0, "--concurrency must be > 0, but was " + concurrency);
		require(rounds > 0, "--rounds must be > 0, but was " + rounds);
		require(!scenarios.isEmpty(), "--scenarios must name at least one scenario");
		require(!variants.isEmpty(), "--variants must name at least one variant");
		scenarios = List.copyOf(scenarios);
		variants = List.copyOf(variants);
		require(client != null, "--client must name a client");
	}

	/**
	 * Options on the default HTTP client library, the JDK's.
	 * @param duration measured time of each variant in each round
	 * @param warmup time each variant runs before it is measured, in each round
	 * @param jvmWarmup time each variant runs once, unmeasured, before the first scenario
	 * @param concurrency callers, each making one call after another
	 * @param rounds how often every variant runs per scenario
	 * @param scenarios the scenarios, in order
	 * @param variants the variants
	 */
	public LoadOptions(Duration duration, Duration warmup, Duration jvmWarmup, int concurrency, int rounds,
			List<Scenario> scenarios, List<Variant> variants) {
		this(duration, warmup, jvmWarmup, concurrency, rounds, scenarios, variants, ClientLibrary.JDK);
	}

	/**
	 * Parse command-line arguments.
	 * @param args {@code --name value} pairs
	 * @return the options
	 * @throws IllegalArgumentException if an argument is unknown or its value bad
	 */
	public static LoadOptions parse(String... args) {
		Duration duration = Duration.ofSeconds(15);
		Duration warmup = Duration.ofSeconds(5);
		Duration jvmWarmup = null;
		int concurrency = 8;
		int rounds = 1;
		List<Scenario> scenarios = List.of(Scenario.values());
		List<Variant> variants = List.of(Variant.values());
		ClientLibrary client = ClientLibrary.JDK;
		for (int i = 0; i < args.length; i += 2) {
			String name = args[i];
			require(i + 1 < args.length, "Missing value of " + name);
			String value = args[i + 1];
			switch (name) {
				case "--duration" -> duration = duration(name, value);
				case "--warmup", "--warm-up" -> warmup = duration(name, value);
				case "--jvm-warmup", "--jvm-warm-up" -> jvmWarmup = duration(name, value);
				case "--concurrency" -> concurrency = integer(name, value);
				case "--rounds" -> rounds = integer(name, value);
				case "--scenarios" -> scenarios = value.equals("all") ? scenarios : list(value, Scenario::of);
				case "--variants" -> variants = value.equals("all") ? variants : list(value, Variant::of);
				case "--client" -> client = ClientLibrary.of(value);
				default -> throw new IllegalArgumentException("Unknown option '" + name + "'");
			}
		}
		return new LoadOptions(duration, warmup, (jvmWarmup != null) ? jvmWarmup : warmup, concurrency, rounds,
				scenarios, variants, client);
	}

	private static Duration duration(String name, String value) {
		try {
			return DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					name + " must be a duration such as 500ms or 20s, but was '" + value + "'");
		}
	}

	private static int integer(String name, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number, but was '" + value + "'");
		}
	}

	private static <T> List<T> list(String value, java.util.function.Function<String, T> parser) {
		Set<T> items = new LinkedHashSet<>();
		Arrays.stream(value.split(",")).filter((item) -> !item.isBlank()).map(parser).forEach(items::add);
		return new ArrayList<>(items);
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
