package io.datapunk.mesh.benchmarks.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * The runs of one variant in one scenario, over all rounds. Not thread-safe.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
final class VariantResults {

	private final Variant variant;

	private final List<RunResult> runs = new ArrayList<>();

	private Histogram latencies;

	VariantResults(Variant variant) {
		this.variant = variant;
	}

	void add(RunResult run) {
		this.runs.add(run);
		if (this.latencies == null) {
			this.latencies = run.latencies().copy();
		}
		else {
			this.latencies.add(run.latencies());
		}
	}

	Variant variant() {
		return this.variant;
	}

	List<RunResult> runs() {
		return this.runs;
	}

	long calls() {
		return this.runs.stream().mapToLong(RunResult::calls).sum();
	}

	long errors() {
		return this.runs.stream().mapToLong(RunResult::errors).sum();
	}

	/**
	 * Return the median of the rounds' throughputs.
	 */
	double throughput() {
		return Stats.median(this.runs.stream().mapToDouble(RunResult::throughput).toArray());
	}

	/**
	 * Return a latency percentile over all rounds, in microseconds.
	 */
	long latency(double percentile) {
		return this.latencies.getValueAtPercentile(percentile);
	}

	/**
	 * Return the process's CPU time per call, in microseconds.
	 */
	double cpuPerCall() {
		long cpu = this.runs.stream().mapToLong(RunResult::cpuNanos).sum();
		return (calls() > 0) ? cpu / 1000.0 / calls() : 0;
	}

	/**
	 * Return the median over the rounds of the most live threads counted in a run, the
	 * backends' left out.
	 */
	double threads() {
		return Stats.median(this.runs.stream().mapToDouble(RunResult::peakThreads).toArray());
	}

	/**
	 * Return the median over the rounds of the threads that ran in a run, the backends'
	 * left out.
	 */
	double busyThreads() {
		return Stats.median(this.runs.stream().mapToDouble(RunResult::busyThreads).toArray());
	}

	/**
	 * Return the requests the backends received per call, retries included.
	 */
	double requestsPerCall() {
		long requests = 0;
		for (RunResult run : this.runs) {
			for (long count : run.backendRequests()) {
				requests += count;
			}
		}
		return (calls() > 0) ? (double) requests / calls() : 0;
	}

	/**
	 * Return each backend's share of the requests, in percent.
	 */
	long[] backendShares() {
		long[] totals = new long[Backends.COUNT];
		for (RunResult run : this.runs) {
			for (int i = 0; i < totals.length; i++) {
				totals[i] += run.backendRequests()[i];
			}
		}
		long sum = 0;
		for (long total : totals) {
			sum += total;
		}
		long[] shares = new long[totals.length];
		for (int i = 0; i < totals.length; i++) {
			shares[i] = (sum > 0) ? Math.round(totals[i] * 100.0 / sum) : 0;
		}
		return shares;
	}

	Map<String, RunResult.ErrorKind> errorKinds() {
		Map<String, RunResult.ErrorKind> kinds = new LinkedHashMap<>();
		this.runs
			.forEach((run) -> run.errorKinds().forEach((kind, n) -> kinds.merge(kind, n, RunResult.ErrorKind::plus)));
		return kinds;
	}

}
