package io.datapunk.mesh.benchmarks.jmh;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.datapunk.mesh.internal.cache.NearCacheSettings;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.internal.discovery.StaticDiscoveryClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;

/**
 * Cost of a hit in the discovery cache's tier in the JVM, the lookup every call makes
 * when the service's list is cached ({@link CachingMeshDiscovery#getInstances}), over the
 * auto-configured sources; the target is under 100 ns and no allocation (run with
 * {@code -prof gc} for {@code gc.alloc.rate.norm}). The near-ttl is long, so that every
 * look-up is a hit and no refresh runs while measuring.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NearCacheBenchmark {

	/**
	 * The discovery clients behind the cache: {@code static}, or {@code static+simple} as
	 * auto-configured.
	 */
	@Param({ "static", "static+simple" })
	public String sources;

	private CachingMeshDiscovery discovery;

	/**
	 * Create the cache and fill it with one look-up.
	 */
	@Setup
	public void setUp() {
		StaticDiscoveryClient configured = new StaticDiscoveryClient(DiscoveryBenchmark.settings());
		List<DiscoveryClient> clients = switch (this.sources) {
			case "static" -> List.of(configured);
			case "static+simple" -> List.of(configured, new SimpleDiscoveryClient(new SimpleDiscoveryProperties()));
			default -> throw new IllegalArgumentException("Unknown sources '" + this.sources + "'");
		};
		// An hour to live: every lookup in the measurement is a hit.
		NearCacheSettings settings = new NearCacheSettings(Duration.ofHours(1), Duration.ofSeconds(1),
				Duration.ofHours(1));
		this.discovery = new CachingMeshDiscovery(new CompositeMeshDiscovery(clients), settings, Clock.systemUTC());
		this.discovery.getInstances("inventory");
	}

	/**
	 * Stop the cache's refresh threads.
	 */
	@TearDown
	public void tearDown() {
		this.discovery.destroy();
	}

	/**
	 * Look up the instances of a cached service: a hit.
	 * @return its instances
	 */
	@Benchmark
	public List<ServiceInstance> nearHit() {
		return this.discovery.getInstances("inventory");
	}

}
