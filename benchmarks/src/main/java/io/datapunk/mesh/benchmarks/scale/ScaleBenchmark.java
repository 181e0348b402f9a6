package io.datapunk.mesh.benchmarks.scale;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code scale} command: how the mesh's heap, threads and startup grow with the
 * services, instances and {@code @MeshClient} interfaces of an application (issue 20,
 * "Scale, as work grows"); see {@link ScaleOptions#parse} for its options.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public final class ScaleBenchmark {

	private ScaleBenchmark() {
	}

	/**
	 * Run the measurements the options ask for and print them.
	 * @param args the options
	 * @param out where the report goes
	 * @return the exit status: 0, or 2 for a bad option
	 */
	public static int run(String[] args, PrintStream out) {
		ScaleOptions options;
		try {
			options = ScaleOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			out.println(ex.getMessage());
			return 2;
		}
		out.printf("scale run: %s, java %s, %d processors, max heap %d MiB%n", Arrays.toString(args),
				System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() / (1024 * 1024));
		ScaleRun run = new ScaleRun(options, out);
		if (options.steps().contains("services")) {
			run.services();
		}
		if (options.steps().contains("instances")) {
			run.instances();
		}
		if (options.steps().contains("startup")) {
			run.startup();
		}
		return 0;
	}

}
