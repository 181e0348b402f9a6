package io.datapunk.mesh.benchmarks.scale;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One start of the scale application with some {@code @MeshClient} interfaces: how long
 * it took and the heap it kept.
 *
 * @param interfaces the interfaces it found
 * @param millis from {@code run} to the started context with every client made
 * @param heapBytes heap in use after full collections, the application running
 * @param meshClientBeans the beans of the generated interfaces it created
 * @author datapunk mesh team
 */
record Startup(int interfaces, double millis, long heapBytes, int meshClientBeans) {

	/**
	 * Start the application with the given interfaces and {@code services} configured
	 * services, measure it, and close it.
	 * @param clients the interfaces, and the class loader that sees them
	 * @param services the configured services ({@code service-0} and on, three static
	 * instances each)
	 * @return the measurement
	 * @throws ClassNotFoundException if an interface cannot be loaded
	 */
	static Startup measure(GeneratedMeshClients clients, int services) throws ClassNotFoundException {
		List<Class<?>> types = new ArrayList<>();
		for (int i = 0; i < clients.count(); i++) {
			types.add(clients.load(i));
		}
		JvmProbe.usedHeapAfterGc();
		long start = System.nanoTime();
		try (ConfigurableApplicationContext context = ScaleContexts.start(services, 3, true, clients.classLoader())) {
			// A client is made when first injected, as an application's beans do at
			// startup.
			int beans = ScaleContexts.inClassLoader(clients.classLoader(), () -> {
				int made = 0;
				for (Class<?> type : types) {
					made += (context.getBean(type) != null) ? 1 : 0;
				}
				return made;
			});
			double millis = (System.nanoTime() - start) / 1e6;
			long heap = JvmProbe.usedHeapAfterGc();
			return new Startup(clients.count(), millis, heap, beans);
		}
	}

	static double medianMillis(List<Startup> startups, int interfaces) {
		return median(
				startups.stream().filter((s) -> s.interfaces == interfaces).mapToDouble(Startup::millis).toArray());
	}

	static long medianHeap(List<Startup> startups, int interfaces) {
		return (long) median(
				startups.stream().filter((s) -> s.interfaces == interfaces).mapToDouble(Startup::heapBytes).toArray());
	}

	private static double median(double[] values) {
		java.util.Arrays.sort(values);
		int n = values.length;
		return (n % 2 == 1) ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
	}

}
