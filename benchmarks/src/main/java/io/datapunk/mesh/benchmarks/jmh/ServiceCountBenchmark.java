package io.datapunk.mesh.benchmarks.jmh;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.datapunk.mesh.benchmarks.load.Item;
import io.datapunk.mesh.internal.balancer.ConfiguredLoadBalancer;
import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.NearCacheSettings;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.internal.discovery.StaticDiscoveryClient;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.web.client.RestClient;

/**
 * CPU cost of one {@code @MeshClient} call when the application calls many services:
 * calls go to each of {@link #services} services in turn, each with its own three static
 * instances, near-cache entry, breaker, retry budget, outlier detector, balancer state
 * and instance loads. The target: flat from 1 to 1,000 services. The stub
 * transport answers on the caller's thread ({@link CallerThreadTransports}), so that
 * nothing but the mesh and the HTTP interface is measured; {@code -prof gc} gives the
 * bytes per call.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServiceCountBenchmark {

	private static final String ID = "42";

	/**
	 * How many services the calls are spread over.
	 */
	@Param({ "1", "100", "1000" })
	public int services;

	private CachingMeshDiscovery discovery;

	private MeshClientHttpRequestFactory meshRequestFactory;

	private InventoryClient[] clients;

	private int next;

	/**
	 * Build the mesh and one client per service, and call each service once, so that the
	 * measurement finds every service's state in place.
	 */
	@Setup
	public void setUp() {
		List<String> serviceIds = new ArrayList<>(this.services);
		for (int i = 0; i < this.services; i++) {
			serviceIds.add("service-" + i);
		}
		MeshSettings settings = DiscoveryBenchmark.settings(serviceIds);
		InstanceLoads loads = new InstanceLoads();
		NearCacheSettings nearCache = new NearCacheSettings(Duration.ofHours(1), Duration.ofSeconds(1),
				Duration.ofHours(1));
		this.discovery = new CachingMeshDiscovery(
				new CompositeMeshDiscovery(List.of(new StaticDiscoveryClient(settings))), nearCache, Clock.systemUTC());
		this.meshRequestFactory = new MeshClientHttpRequestFactory(settings, this.discovery,
				new ConfiguredLoadBalancer(settings, loads),
				new CallerThreadTransports(new StubClientHttpRequestFactory()),
				new ResilienceRegistry(settings, CircuitBreakerRegistry.ofDefaults(), List.of(), Clock.systemUTC()),
				loads);
		MeshClientFactory factory = new MeshClientFactory(RestClient::builder, this.meshRequestFactory, List.of());
		this.clients = new InventoryClient[this.services];
		for (int i = 0; i < this.services; i++) {
			this.clients[i] = factory.createClient(InventoryClient.class, serviceIds.get(i));
			this.clients[i].item(ID);
		}
	}

	/**
	 * Stop the mesh's threads.
	 */
	@TearDown
	public void tearDown() {
		this.meshRequestFactory.destroy();
		this.discovery.destroy();
	}

	/**
	 * Call the next service.
	 * @return the item
	 */
	@Benchmark
	public Item call() {
		int index = this.next;
		this.next = (index + 1 == this.clients.length) ? 0 : index + 1;
		return this.clients[index].item(ID);
	}

}
