package io.datapunk.mesh.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the process's threads that are not the backends' (their request threads and
 * their servers' dispatchers) while the coordinating thread waits out a run: the most
 * that were alive at once, and those that ran (used CPU time, or were started) in the
 * window. The first includes threads that an earlier variant left idle (the JDK client's
 * pool keeps its threads a minute); the second leaves those out. Both include the JVM's
 * own and the coordinating thread. Not thread-safe: the coordinating thread alone uses
 * it.
 *
 * @author datapunk mesh team
 */
final class ThreadCensus {

	private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	/** CPU time of each thread when first counted, by thread id. */
	private final Map<Long, Long> firstCpu = new HashMap<>();

	private final Set<Long> ran = new HashSet<>();

	private int samples;

	private int peak;

	/**
	 * Wait until the given time, counting the threads at once and then every 100 ms (at
	 * once even if the time has passed, as when a cold start held the caller up).
	 * @param nanoTime the end, as {@link System#nanoTime()}
	 */
	void countUntil(long nanoTime) {
		long left;
		do {
			sample();
			left = nanoTime - System.nanoTime();
			if (left > 0) {
				LockSupport.parkNanos(Math.min(left, INTERVAL_NANOS));
			}
		}
		while (left > 0);
	}

	/**
	 * Return the most threads alive at once.
	 * @return the peak, 0 if never counted
	 */
	int peak() {
		return this.peak;
	}

	/**
	 * Return the threads that ran since the first count: their CPU time grew, or they
	 * were started after it.
	 * @return the count
	 */
	int ran() {
		return this.ran.size();
	}

	/**
	 * Count the live threads that are not the backends'.
	 * @return the count
	 */
	int count() {
		int count = 0;
		for (ThreadInfo info : this.threads.getThreadInfo(this.threads.getAllThreadIds(), 0)) {
			if (info != null && !isBackends(info.getThreadName())) {
				count++;
			}
		}
		return count;
	}

	private void sample() {
		int count = 0;
		for (ThreadInfo info : this.threads.getThreadInfo(this.threads.getAllThreadIds(), 0)) {
			if (info == null || isBackends(info.getThreadName())) {
				continue;
			}
			count++;
			long id = info.getThreadId();
			long cpu = this.threads.getThreadCpuTime(id);
			Long first = this.firstCpu.putIfAbsent(id, cpu);
			if ((first == null && this.samples > 0) || (first != null && cpu > first)) {
				this.ran.add(id);
			}
		}
		this.samples++;
		this.peak = Math.max(this.peak, count);
	}

	private static boolean isBackends(String name) {
		return name.startsWith(Backends.NAME_PREFIX) || name.equals("HTTP-Dispatcher");
	}

}
