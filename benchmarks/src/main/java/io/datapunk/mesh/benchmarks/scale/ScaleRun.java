package io.datapunk.mesh.benchmarks.scale;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale measurements of issue 20 and their report: heap per called service and per
 * instance (with meters and without), threads against the number of services, and the
 * startup time of an application with many {@code @MeshClient} interfaces. Each
 * application is started in this JVM, one after the other; heap is compared after full
 * collections, so one run's figures are exact to a few hundred KiB, which the counts
 * divide.
 *
 * @author datapunk mesh team
 */
final class ScaleRun {

	private final ScaleOptions options;

	private final PrintStream out;

	ScaleRun(ScaleOptions options, PrintStream out) {
		this.options = options;
		this.out = out;
	}

	/**
	 * Heap and threads per number of services, with and without meters; each service is
	 * called once.
	 * @return the samples, without meters first
	 */
	List<HeapSample> services() {
		this.out.printf("%n== heap and threads per number of services (%d static instances each, one call each)%n",
				this.options.instancesPerService());
		this.out.printf("%-7s %8s %14s %14s %16s %8s  %s%n", "meters", "services", "started KiB", "calls add KiB",
				"per called svc B", "threads", "threads added by kind");
		// The JVM's first application loads classes and fills static caches: not counted.
		HeapSample.measure(this.options.services().get(0), this.options.instancesPerService(), true, 1);
		List<HeapSample> samples = new ArrayList<>();
		for (boolean meters : new boolean[] { false, true }) {
			for (int services : this.options.services()) {
				HeapSample sample = HeapSample.measure(services, this.options.instancesPerService(), meters, 1);
				samples.add(sample);
				this.out.printf("%-7s %8d %14d %14d %16d %8d  %s%n", meters ? "on" : "off", services,
						sample.startedBytes() / 1024, sample.calledBytes() / 1024, sample.calledBytes() / services,
						sample.threadsAdded(), sample.threadKinds());
			}
			HeapSample fewest = samples.get(samples.size() - this.options.services().size());
			HeapSample most = samples.get(samples.size() - 1);
			int more = most.services() - fewest.services();
			this.out.printf(
					"  meters %s: per service, from %d to %d services: configured %d B, called %d B, total %d B; threads %d -> %d%n",
					meters ? "on" : "off", fewest.services(), most.services(),
					(most.startedBytes() - fewest.startedBytes()) / more,
					(most.calledBytes() - fewest.calledBytes()) / more,
					(most.totalBytes() - fewest.totalBytes()) / more, fewest.threadsAdded(), most.threadsAdded());
		}
		return samples;
	}

	/**
	 * Heap per instance: the same services with few and with many instances each, each
	 * called often enough that the balancer has tried nearly every instance.
	 * @return the samples, without meters first
	 */
	List<HeapSample> instances() {
		int services = this.options.instanceServices();
		this.out.printf("%n== heap per instance (%d services, calls per service: 4 x instances)%n", services);
		this.out.printf("%-7s %9s %14s %14s %8s%n", "meters", "instances", "started KiB", "calls add KiB", "threads");
		// As above: an application first, so that what the last one left is collected.
		HeapSample.measure(services, this.options.instances().get(0), true, 1);
		List<HeapSample> samples = new ArrayList<>();
		for (boolean meters : new boolean[] { false, true }) {
			for (int instances : this.options.instances()) {
				HeapSample sample = HeapSample.measure(services, instances, meters, 4 * instances);
				samples.add(sample);
				this.out.printf("%-7s %9d %14d %14d %8d%n", meters ? "on" : "off", instances,
						sample.startedBytes() / 1024, sample.calledBytes() / 1024, sample.threadsAdded());
			}
			HeapSample fewest = samples.get(samples.size() - this.options.instances().size());
			HeapSample most = samples.get(samples.size() - 1);
			long more = (long) services * (most.instances() - fewest.instances());
			this.out.printf(
					"  meters %s: per instance, from %d to %d per service: configured %d B, called %d B, total %d B%n",
					meters ? "on" : "off", fewest.instances(), most.instances(),
					(most.startedBytes() - fewest.startedBytes()) / more,
					(most.calledBytes() - fewest.calledBytes()) / more,
					(most.totalBytes() - fewest.totalBytes()) / more);
		}
		return samples;
	}

	/**
	 * Startup time and heap of the application without and with the generated interfaces,
	 * alternating, after one start to warm the JVM; each interface's service is
	 * configured in both, so that the difference is the interfaces'.
	 * @return the startups, in the order they ran
	 */
	List<Startup> startup() {
		int count = this.options.interfaces();
		this.out.printf("%n== startup with %d @MeshClient interfaces (each service configured in both; warm JVM)%n",
				count);
		this.out.printf("%-10s %6s %11s %12s%n", "interfaces", "round", "startup ms", "heap KiB");
		List<Startup> startups = new ArrayList<>();
		try (GeneratedMeshClients none = GeneratedMeshClients.generate(0);
				GeneratedMeshClients many = GeneratedMeshClients.generate(count)) {
			Startup.measure(none, count);
			for (int round = 1; round <= this.options.startupRounds(); round++) {
				for (GeneratedMeshClients clients : List.of(none, many)) {
					Startup startup = Startup.measure(clients, count);
					startups.add(startup);
					this.out.printf("%-10d %6d %11.1f %12d%n", startup.interfaces(), round, startup.millis(),
							startup.heapBytes() / 1024);
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Startup measurement failed", ex);
		}
		double without = Startup.medianMillis(startups, 0);
		double with = Startup.medianMillis(startups, count);
		this.out.printf(
				"  median startup: %.1f ms without, %.1f ms with %d interfaces: %.2f ms per interface; heap %d B per interface%n",
				without, with, count, (with - without) / count,
				(Startup.medianHeap(startups, count) - Startup.medianHeap(startups, 0)) / count);
		return startups;
	}

}
