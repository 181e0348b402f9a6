package io.datapunk.mesh.benchmarks.jmh;

import io.datapunk.mesh.autoconfigure.config.MeshSettingsResolver;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.datapunk.mesh.autoconfigure.config.MeshProperties;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.internal.discovery.StaticDiscoveryClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;

/**
 * Cost of the lookup every call makes, {@link MeshDiscovery#getInstances}, over the
 * static instances of {@code mesh.services}: alone, and joined with Spring Cloud's
 * {@link SimpleDiscoveryClient}, which an application with the starter also has (it comes
 * with spring-cloud-commons) and which knows nothing of the service.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DiscoveryBenchmark {

	/**
	 * The discovery clients: {@code static}, or {@code static+simple} as auto-configured.
	 */
	@Param({ "static", "static+simple" })
	public String sources;

	private MeshDiscovery discovery;

	/**
	 * Create the lookup as the auto-configuration does.
	 */
	@Setup
	public void setUp() {
		StaticDiscoveryClient configured = new StaticDiscoveryClient(settings());
		List<DiscoveryClient> clients = switch (this.sources) {
			case "static" -> List.of(configured);
			case "static+simple" -> List.of(configured, new SimpleDiscoveryClient(new SimpleDiscoveryProperties()));
			default -> throw new IllegalArgumentException("Unknown sources '" + this.sources + "'");
		};
		this.discovery = new CompositeMeshDiscovery(clients);
	}

	/**
	 * Look up the instances of a configured service.
	 * @return its instances
	 */
	@Benchmark
	public List<ServiceInstance> getInstances() {
		return this.discovery.getInstances("inventory");
	}

	/**
	 * Return mesh settings with service {@code inventory} on three static instances, as
	 * {@code mesh.services.inventory.instances} gives them.
	 * @return the settings
	 */
	static MeshSettings settings() {
		return settings(List.of("inventory"));
	}

	/**
	 * Return mesh settings with services on three static instances each (the same three
	 * addresses for all).
	 * @param serviceIds the services
	 * @return the settings
	 */
	static MeshSettings settings(List<String> serviceIds) {
		MeshProperties properties = new MeshProperties();
		for (String serviceId : serviceIds) {
			MeshProperties.Service service = new MeshProperties.Service();
			service.setInstances(List.of(URI.create("http://127.0.0.1:8081"), URI.create("http://127.0.0.1:8082"),
					URI.create("http://127.0.0.1:8083")));
			properties.getServices().put(serviceId, service);
		}
		return MeshSettingsResolver.resolve(properties, "benchmarks");
	}

}
