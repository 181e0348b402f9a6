package io.datapunk.mesh.benchmarks.jmh;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.datapunk.mesh.internal.balancer.InstanceLoad;
import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.internal.balancer.PeakEwmaLoadBalancer;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.spi.MeshLoadBalancer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Cost of choosing an attempt's instance through the call engine's whole candidate chain
 * (not ejected → not tried yet → same zone → the default {@code p2c-ewma} strategy), per
 * number of instances and state of the service: every instance healthy, a zone set with a
 * third of the instances in it, one instance ejected, and a retry (one instance tried).
 * The target: flat from 3 to 300 instances and under 200 ns at 300, without
 * allocation ({@code -prof gc}).
 * <p>
 * The chain and a call's attempt history are package-private engine types: they are
 * reached through method handles held in static final fields, which the JIT compiles as
 * direct calls.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CandidateChainBenchmark {

	private static final String SERVICE = "inventory";

	private static final String ENGINE = "io.datapunk.mesh.internal.engine.";

	private static final MethodHandle NEW_CHAIN;

	private static final MethodHandle AVAILABLE;

	private static final MethodHandle CHOOSE;

	private static final MethodHandle NEW_HISTORY;

	private static final MethodHandle RECORD_FAILURE;

	static {
		try {
			Class<?> chain = Class.forName(ENGINE + "CandidateChain");
			Class<?> history = Class.forName(ENGINE + "AttemptHistory");
			MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(chain, MethodHandles.lookup());
			NEW_CHAIN = lookup
				.findConstructor(chain, MethodType.methodType(void.class, MeshLoadBalancer.class, String.class))
				.asType(MethodType.methodType(Object.class, MeshLoadBalancer.class, String.class));
			AVAILABLE = lookup
				.findVirtual(chain, "available", MethodType.methodType(List.class, List.class, OutlierDetector.class))
				.asType(MethodType.methodType(List.class, Object.class, List.class, OutlierDetector.class));
			CHOOSE = lookup
				.findVirtual(chain, "choose",
						MethodType.methodType(ServiceInstance.class, String.class, List.class, history))
				.asType(MethodType.methodType(ServiceInstance.class, Object.class, String.class, List.class,
						Object.class));
			NEW_HISTORY = lookup
				.findConstructor(history, MethodType.methodType(void.class, boolean.class, LongSupplier.class))
				.asType(MethodType.methodType(Object.class, boolean.class, LongSupplier.class));
			RECORD_FAILURE = lookup
				.findVirtual(history, "recordFailure",
						MethodType.methodType(void.class, ServiceInstance.class, String.class, long.class))
				.asType(MethodType.methodType(void.class, Object.class, ServiceInstance.class, String.class,
						long.class));
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * How many instances the service has.
	 */
	@Param({ "3", "30", "300" })
	public int instances;

	/**
	 * The service's state: {@code healthy}, {@code zone} ({@code mesh.zone} set, a third
	 * of the instances in it), {@code one-ejected}, or {@code retry} (the call's first
	 * attempt failed on one instance).
	 */
	@Param({ "healthy", "zone", "one-ejected", "retry" })
	public String state;

	private Object chain;

	private Object history;

	private OutlierDetector outliers;

	private List<ServiceInstance> current;

	/**
	 * Build the chain, the detector and the instances, and put the service in its state.
	 * @throws Throwable if an engine type cannot be built
	 */
	@Setup
	public void setUp() throws Throwable {
		this.current = instancesInZones(this.instances);
		InstanceLoads loads = new InstanceLoads();
		for (ServiceInstance instance : this.current) {
			InstanceLoad load = loads.of(SERVICE, instance);
			load.end(load.begin() - 1_000_000, false);
		}
		String zone = this.state.equals("zone") ? "zone-0" : null;
		this.chain = (Object) NEW_CHAIN.invokeExact((MeshLoadBalancer) new PeakEwmaLoadBalancer(loads), zone);
		// mesh.defaults.outlier-detection, with ejections that outlast the measurement.
		this.outliers = new OutlierDetector(SERVICE, 5, Duration.ofHours(1), Duration.ofHours(1), 0.5, 0.5,
				Clock.systemUTC());
		this.outliers.select(this.current);
		this.history = (Object) NEW_HISTORY.invokeExact(false, (LongSupplier) System::nanoTime);
		switch (this.state) {
			case "healthy", "zone" -> {
			}
			case "one-ejected" -> {
				for (int i = 0; i < 5; i++) {
					this.outliers.onFailure(this.current.get(0));
				}
				if (!this.outliers.isEjected(this.current.get(0))) {
					throw new IllegalStateException("The instance was not ejected");
				}
			}
			case "retry" ->
				RECORD_FAILURE.invokeExact(this.history, this.current.get(0), "connect-failed", System.nanoTime());
			default -> throw new IllegalArgumentException("Unknown state '" + this.state + "'");
		}
	}

	/**
	 * Choose an attempt's instance, as the call loop does: the available ones, then the
	 * chosen one among them.
	 * @return the chosen instance
	 * @throws Throwable never in practice: the chain's own exceptions
	 */
	@Benchmark
	public ServiceInstance chain() throws Throwable {
		List<ServiceInstance> available = (List<ServiceInstance>) AVAILABLE.invokeExact(this.chain, this.current,
				this.outliers);
		return (ServiceInstance) CHOOSE.invokeExact(this.chain, SERVICE, available, this.history);
	}

	/**
	 * Return instances spread over three zones (metadata {@code zone}), one in three in
	 * {@code zone-0}.
	 * @param count how many
	 * @return the instances
	 */
	static List<ServiceInstance> instancesInZones(int count) {
		List<ServiceInstance> instances = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String host = "10.0." + (i / 250) + "." + (i % 250 + 1);
			instances.add(new DefaultServiceInstance(SERVICE + "-" + i, SERVICE, host, 8080, false,
					Map.of("zone", "zone-" + (i % 3))));
		}
		return List.copyOf(instances);
	}

}
