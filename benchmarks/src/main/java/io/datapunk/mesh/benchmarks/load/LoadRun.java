package io.datapunk.mesh.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.OperatingSystemMXBean;
import org.HdrHistogram.Histogram;

/**
 * One closed-loop run of one variant: {@code concurrency} callers each make one call
 * after another, unmeasured during the warm-up, then measured for the duration; the
 * scenario's mid-run event happens halfway through the measurement. A blocking variant
 * gets a thread per caller; a {@link ReactiveVariantClient reactive} one is driven by
 * {@link ReactiveLoadRun}, with as many calls in flight and no thread per call.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
final class LoadRun {

	/** Latencies above a minute are recorded as a minute. */
	static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

	static final String[] IDS = new String[1000];

	static {
		for (int i = 0; i < IDS.length; i++) {
			IDS[i] = Integer.toString(i + 1);
		}
	}

	private LoadRun() {
	}

	static RunResult run(Variant variant, VariantClient client, Backends backends, Scenario scenario,
			LoadOptions options) {
		if (client instanceof ReactiveVariantClient reactive) {
			return ReactiveLoadRun.run(variant, reactive, backends, scenario, options);
		}
		long start = System.nanoTime();
		long measureStart = start + options.warmup().toNanos();
		long measureNanos = options.duration().toNanos();
		long measureEnd = measureStart + measureNanos;
		Caller[] callers = new Caller[options.concurrency()];
		Thread[] threads = new Thread[callers.length];
		for (int i = 0; i < callers.length; i++) {
			callers[i] = new Caller(client, i * 131, measureStart, measureEnd);
			threads[i] = new Thread(callers[i], "load-" + variant.id() + "-" + (i + 1));
			threads[i].setDaemon(true);
			threads[i].start();
		}
		sleepUntil(measureStart);
		backends.resetCounters();
		long cpuStart = processCpuNanos();
		ThreadCensus threadCensus = new ThreadCensus();
		threadCensus.countUntil(measureStart + measureNanos / 2);
		scenario.midRun(backends);
		threadCensus.countUntil(measureEnd);
		for (Thread thread : threads) {
			joinUninterruptibly(thread);
		}
		long cpuNanos = processCpuNanos() - cpuStart;
		long[] requests = backends.requests();
		Histogram latencies = new Histogram(MAX_MICROS, 3);
		long calls = 0;
		long errors = 0;
		Map<String, RunResult.ErrorKind> errorKinds = new LinkedHashMap<>();
		for (Caller caller : callers) {
			latencies.add(caller.latencies);
			calls += caller.calls;
			errors += caller.errors;
			caller.errorKinds.forEach((kind, count) -> errorKinds.merge(kind, count, RunResult.ErrorKind::plus));
		}
		return new RunResult(variant, calls, errors, measureNanos, latencies, requests, errorKinds, cpuNanos,
				threadCensus.peak(), threadCensus.ran());
	}

	static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

	static void sleepUntil(long nanoTime) {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0) {
			LockSupport.parkNanos(left);
		}
	}

	private static void joinUninterruptibly(Thread thread) {
		boolean interrupted = false;
		while (true) {
			try {
				thread.join();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One caller; its counters are read only after its thread ended.
	 */
	private static final class Caller implements Runnable {

		private final VariantClient client;

		private final long measureStart;

		private final long measureEnd;

		private final Histogram latencies = new Histogram(MAX_MICROS, 3);

		private final Map<String, RunResult.ErrorKind> errorKinds = new LinkedHashMap<>();

		private int next;

		private long calls;

		private long errors;

		Caller(VariantClient client, int firstId, long measureStart, long measureEnd) {
			this.client = client;
			this.next = firstId;
			this.measureStart = measureStart;
			this.measureEnd = measureEnd;
		}

		@Override
		public void run() {
			while (true) {
				long begin = System.nanoTime();
				if (begin - this.measureEnd >= 0) {
					return;
				}
				Throwable failure = null;
				try {
					if (this.client.item(IDS[this.next++ % IDS.length]) == null) {
						failure = new IllegalStateException("No item in the answer");
					}
				}
				catch (Throwable ex) {
					failure = ex;
				}
				long took = System.nanoTime() - begin;
				if (begin - this.measureStart >= 0) {
					this.latencies.recordValue(Math.min(MAX_MICROS, took / 1000));
					this.calls++;
					if (failure != null) {
						this.errors++;
						this.errorKinds.merge(Failures.kindOf(failure), Failures.errorOf(failure),
								RunResult.ErrorKind::plus);
					}
				}
			}
		}

	}

}
