package io.datapunk.mesh.benchmarks.load;

import java.util.Arrays;

/**
 * Small statistics helpers.
 *
 * @author datapunk mesh team
 */
final class Stats {

	private Stats() {
	}

	static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
