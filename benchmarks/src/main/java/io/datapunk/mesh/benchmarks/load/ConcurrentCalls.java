package io.datapunk.mesh.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The measured calls of a reactive run, recorded from whichever thread completes them:
 * latency of every call that began in the measured window, failed ones included, and the
 * failures by kind. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class ConcurrentCalls {

	private final long measureStart;

	private final Histogram latencies = new ConcurrentHistogram(LoadRun.MAX_MICROS, 3);

	private final LongAdder calls = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final Map<String, RunResult.ErrorKind> errorKinds = new ConcurrentHashMap<>();

	/**
	 * Create a record.
	 * @param measureStart when the measured window starts, as {@link System#nanoTime()}
	 */
	ConcurrentCalls(long measureStart) {
		this.measureStart = measureStart;
	}

	/**
	 * Record one call, if it began in the measured window.
	 * @param begin when it began, as {@link System#nanoTime()}
	 * @param end when it ended
	 * @param failure why it failed, {@code null} if it did not
	 */
	void record(long begin, long end, Throwable failure) {
		if (begin - this.measureStart < 0) {
			return;
		}
		this.latencies.recordValue(Math.min(LoadRun.MAX_MICROS, (end - begin) / 1000));
		this.calls.increment();
		if (failure != null) {
			this.errors.increment();
			this.errorKinds.merge(Failures.kindOf(failure), Failures.errorOf(failure), RunResult.ErrorKind::plus);
		}
	}

	Histogram latencies() {
		return this.latencies.copy();
	}

	long calls() {
		return this.calls.sum();
	}

	long errors() {
		return this.errors.sum();
	}

	Map<String, RunResult.ErrorKind> errorKinds() {
		return new LinkedHashMap<>(this.errorKinds);
	}

}
