package io.datapunk.mesh.benchmarks.scale;

import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What one application holds, measured once: the heap it keeps after starting, the heap
 * its calls add, and the threads it started.
 *
 * @param services the services it configures
 * @param instances the static instances of each
 * @param meters whether it keeps meters
 * @param callsPerService the calls each service got
 * @param startedBytes heap kept by the started application (after full collections)
 * @param calledBytes heap the calls added
 * @param threadsAdded live threads after the calls, less those before the start
 * @param threadKinds the added threads by kind (name without digits)
 * @author datapunk mesh team
 */
record HeapSample(int services, int instances, boolean meters, int callsPerService, long startedBytes, long calledBytes,
		int threadsAdded, Map<String, Integer> threadKinds) {

	/**
	 * Start an application, call each of its services, and measure it.
	 * @param services the services it configures
	 * @param instances the static instances of each
	 * @param meters whether it keeps meters
	 * @param callsPerService the calls each service gets
	 * @return the measurement
	 */
	static HeapSample measure(int services, int instances, boolean meters, int callsPerService) {
		ClassLoader classLoader = HeapSample.class.getClassLoader();
		Map<String, Integer> threadsBefore = JvmProbe.threadsByKind();
		int liveBefore = JvmProbe.liveThreads();
		long before = JvmProbe.usedHeapAfterGc();
		try (ConfigurableApplicationContext context = ScaleContexts.start(services, instances, meters, classLoader)) {
			long started = JvmProbe.usedHeapAfterGc();
			ScaleContexts.callAll(context, services, callsPerService);
			long called = JvmProbe.usedHeapAfterGc();
			int threadsAdded = JvmProbe.liveThreads() - liveBefore;
			return new HeapSample(services, instances, meters, callsPerService, started - before, called - started,
					threadsAdded, JvmProbe.added(threadsBefore, JvmProbe.threadsByKind()));
		}
	}

	long totalBytes() {
		return this.startedBytes + this.calledBytes;
	}

}
