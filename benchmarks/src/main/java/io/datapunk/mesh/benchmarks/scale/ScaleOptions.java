package io.datapunk.mesh.benchmarks.scale;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a scale run measures, from its command line.
 *
 * @param services the numbers of services of the per-service runs
 * @param instancesPerService the instances of each service in those runs
 * @param instanceServices the services of the per-instance runs
 * @param instances the numbers of instances per service of the per-instance runs
 * @param interfaces the {@code @MeshClient} interfaces of the startup run
 * @param startupRounds how many times the startup run starts each application
 * @param steps which runs: {@code services}, {@code instances}, {@code startup}
 * @author datapunk mesh team
 */
record ScaleOptions(List<Integer> services, int instancesPerService, int instanceServices, List<Integer> instances,
		int interfaces, int startupRounds, Set<String> steps) {

	static final Set<String> ALL_STEPS = Set.of("services", "instances", "startup");

	/** Larger counts are refused: a run is meant to finish in minutes. */
	private static final int MAX_COUNT = 100_000;

	static ScaleOptions defaults() {
		return new ScaleOptions(List.of(1, 100, 1000), 3, 100, List.of(1, 30), 200, 3, ALL_STEPS);
	}

	/**
	 * Read options: {@code --services 1,100,1000 --instances-per-service 3
	 * --instance-services 100 --instances 1,30 --interfaces 200 --startup-rounds 3
	 * --steps services,instances,startup}, each optional.
	 * @param args the options
	 * @return the options
	 * @throws IllegalArgumentException if one is unknown or out of range
	 */
	static ScaleOptions parse(String... args) {
		ScaleOptions options = defaults();
		for (int i = 0; i < args.length; i += 2) {
			String name = args[i];
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("Option " + name + " needs a value");
			}
			String value = args[i + 1];
			options = switch (name) {
				case "--services" ->
					new ScaleOptions(counts(name, value), options.instancesPerService, options.instanceServices,
							options.instances, options.interfaces, options.startupRounds, options.steps);
				case "--instances-per-service" ->
					new ScaleOptions(options.services, count(name, value), options.instanceServices, options.instances,
							options.interfaces, options.startupRounds, options.steps);
				case "--instance-services" ->
					new ScaleOptions(options.services, options.instancesPerService, count(name, value),
							options.instances, options.interfaces, options.startupRounds, options.steps);
				case "--instances" ->
					new ScaleOptions(options.services, options.instancesPerService, options.instanceServices,
							counts(name, value), options.interfaces, options.startupRounds, options.steps);
				case "--interfaces" ->
					new ScaleOptions(options.services, options.instancesPerService, options.instanceServices,
							options.instances, count(name, value), options.startupRounds, options.steps);
				case "--startup-rounds" ->
					new ScaleOptions(options.services, options.instancesPerService, options.instanceServices,
							options.instances, options.interfaces, count(name, value), options.steps);
				case "--steps" ->
					new ScaleOptions(options.services, options.instancesPerService, options.instanceServices,
							options.instances, options.interfaces, options.startupRounds, steps(value));
				default -> throw new IllegalArgumentException("Unknown option '" + name + "'");
			};
		}
		return options;
	}

	private static List<Integer> counts(String name, String value) {
		List<Integer> counts = Arrays.stream(value.split(",")).map((part) -> count(name, part.trim())).toList();
		if (counts.size() < 2) {
			throw new IllegalArgumentException(name + " needs at least two counts to compare, but was '" + value + "'");
		}
		return counts;
	}

	private static int count(String name, String value) {
		try {
			int count = Integer.parseInt(value);
			if (count >= 1 && count <= MAX_COUNT) {
				return count;
			}
		}
		catch (NumberFormatException ex) {
			// Refused below.
		}
		throw new IllegalArgumentException(name + " must be a whole number from 1 to " + MAX_COUNT + ", but was '"
				+ value.substring(0, Math.min(value.length(), 20)) + "'");
	}

	private static Set<String> steps(String value) {
		Set<String> steps = Set.of(value.split(","));
		if (!ALL_STEPS.containsAll(steps)) {
			throw new IllegalArgumentException("--steps takes some of " + ALL_STEPS);
		}
		return steps;
	}

}
