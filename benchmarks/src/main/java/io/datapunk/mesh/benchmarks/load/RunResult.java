package io.datapunk.mesh.benchmarks.load;

import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * What one variant did in one measured run.
 *
 * @param variant the variant
 * @param calls calls started in the measured window
 * @param errors those of them that ended in an exception
 * @param measuredNanos length of the measured window
 * @param latencies latency of every measured call, failed ones included, in microseconds
 * @param backendRequests requests each backend received in the window (retries included)
 * @param errorKinds the errors by kind (the exception's class and causes)
 * @param cpuNanos CPU time of the whole process in the window (callers, HTTP clients,
 * backends, GC), a view of cost next to the wall-clock figures
 * @param peakThreads the most live threads counted in the window, the backends' left out:
 * callers, HTTP clients, schedulers and the JVM's own, and idle ones that earlier runs
 * left
 * @param busyThreads the threads that ran in the window (their CPU time grew, or they
 * started), the backends' left out
 * @author datapunk mesh team
 * @since 0.1.0
 */
public record RunResult(Variant variant, long calls, long errors, long measuredNanos, Histogram latencies,
		long[] backendRequests, Map<String, ErrorKind> errorKinds, long cpuNanos, int peakThreads, int busyThreads) {

	/**
	 * Return the calls per second.
	 * @return the throughput
	 */
	public double throughput() {
		return this.calls * 1e9 / this.measuredNanos;
	}

	/**
	 * Errors of one kind.
	 *
	 * @param count how many
	 * @param example the first one's message
	 */
	public record ErrorKind(long count, String example) {

		ErrorKind plus(ErrorKind other) {
			return new ErrorKind(this.count + other.count, this.example);
		}

	}

}
