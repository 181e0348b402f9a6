package io.datapunk.mesh.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.datapunk.mesh.spi.MeshLoadBalancer;
import io.datapunk.mesh.internal.balancer.InstanceLoad;
import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.internal.balancer.LeastRequestLoadBalancer;
import io.datapunk.mesh.internal.balancer.PeakEwmaLoadBalancer;
import io.datapunk.mesh.internal.balancer.RandomLoadBalancer;
import io.datapunk.mesh.internal.balancer.RoundRobinLoadBalancer;
import io.datapunk.mesh.internal.balancer.WeightedLoadBalancer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Cost of one {@link MeshLoadBalancer#choose} per strategy and number of instances, from
 * one thread and from two sharing the balancer (the target: under 200 ns at 30
 * instances).
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LoadBalancerBenchmark {

	/**
	 * The strategy, by its {@code mesh.*.load-balancer} name; see {@link #strategy}.
	 */
	@Param({ "p2c-ewma", "round-robin", "random", "weighted", "least-request" })
	public String strategy;

	/**
	 * How many instances the service has.
	 */
	@Param({ "3", "30", "300" })
	public int instances;

	private MeshLoadBalancer balancer;

	private final InstanceLoads loads = new InstanceLoads();

	private List<ServiceInstance> candidates;

	/**
	 * Create the balancer and the instances.
	 */
	@Setup
	public void setUp() {
		this.candidates = instances(this.instances);
		this.balancer = strategy(this.strategy, this.loads);
		// Every instance has answered once, so load-aware strategies compare real costs.
		for (ServiceInstance instance : this.candidates) {
			InstanceLoad load = this.loads.of("inventory", instance);
			load.end(load.begin() - 1_000_000, false);
		}
	}

	/**
	 * Choose from one thread.
	 * @return the chosen instance
	 */
	@Benchmark
	public ServiceInstance choose() {
		return this.balancer.choose("inventory", this.candidates);
	}

	/**
	 * Choose from two threads sharing the balancer, as callers of one service do.
	 * @return the chosen instance
	 */
	@Benchmark
	@Threads(2)
	public ServiceInstance chooseFromTwoThreads() {
		return this.balancer.choose("inventory", this.candidates);
	}

	/**
	 * Return the strategy of a name: one line per strategy.
	 * @param name the strategy's name
	 * @return a new balancer
	 */
	static MeshLoadBalancer strategy(String name, InstanceLoads loads) {
		return switch (name) {
			case "p2c-ewma" -> new PeakEwmaLoadBalancer(loads);
			case "round-robin" -> new RoundRobinLoadBalancer();
			case "random" -> new RandomLoadBalancer();
			case "weighted" -> new WeightedLoadBalancer();
			case "least-request" -> new LeastRequestLoadBalancer(loads);
			default -> throw new IllegalArgumentException("Unknown strategy '" + name + "'");
		};
	}

	static List<ServiceInstance> instances(int count) {
		List<ServiceInstance> instances = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String host = "10.0." + (i / 250) + "." + (i % 250 + 1);
			instances.add(new DefaultServiceInstance("inventory-" + i, "inventory", host, 8080, false));
		}
		return List.copyOf(instances);
	}

}
