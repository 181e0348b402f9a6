package io.datapunk.mesh.benchmarks.scale;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what the scale measurements compare: the heap in use after full collections, and
 * the live threads by name.
 *
 * @author datapunk mesh team
 */
final class JvmProbe {

	private JvmProbe() {
	}

	/**
	 * Return the heap in use once garbage is collected: a full collection, asked for a
	 * few times (a collection can leave what finalization or reference processing frees
	 * to the next).
	 * @return bytes in use
	 */
	static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * Return the number of live threads.
	 * @return the count
	 */
	static int liveThreads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	/**
	 * Return the live threads by kind: the name without its digits, so that
	 * {@code mesh-attempt-1} and {@code mesh-attempt-2} count as two of
	 * {@code mesh-attempt-}.
	 * @return how many of each kind, by kind
	 */
	static Map<String, Integer> threadsByKind() {
		Map<String, Integer> kinds = new TreeMap<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			kinds.merge(thread.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
		}
		return kinds;
	}

	/**
	 * Return the kinds of thread of which there are more in one count than in another.
	 * @param before the earlier count
	 * @param after the later count
	 * @return the added threads by kind
	 */
	static Map<String, Integer> added(Map<String, Integer> before, Map<String, Integer> after) {
		Map<String, Integer> added = new TreeMap<>();
		after.forEach((kind, count) -> {
			int more = count - before.getOrDefault(kind, 0);
			if (more > 0) {
				added.put(kind, more);
			}
		});
		return added;
	}

}
