package io.datapunk.mesh.benchmarks;

import java.util.Arrays;

import io.datapunk.mesh.benchmarks.load.LoadBenchmark;
import io.datapunk.mesh.benchmarks.scale.ScaleBenchmark;

/**
 * Entry point of {@code mesh-benchmarks.jar}: {@code jmh ...} runs the JMH
 * micro-benchmarks with JMH's own options, {@code scale ...} the scale measurements,
 * anything else the load scenarios.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	/**
	 * Run the load scenarios, or with a first argument {@code jmh} the micro-benchmarks.
	 * @param args {@code [jmh] options...}; {@code --help} lists them
	 * @throws Exception if a benchmark cannot run
	 */
	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("jmh")) {
			org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (args.length > 0 && args[0].equals("scale")) {
			System.exit(ScaleBenchmark.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		if (args.length > 0 && args[0].equals("load")) {
			args = Arrays.copyOfRange(args, 1, args.length);
		}
		// Exit even if a library left a non-daemon thread behind (a cached pool idles 60
		// s).
		System.exit(LoadBenchmark.run(args, System.out));
	}

}
