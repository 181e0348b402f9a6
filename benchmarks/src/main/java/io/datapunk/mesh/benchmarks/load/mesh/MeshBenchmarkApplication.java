package io.datapunk.mesh.benchmarks.load.mesh;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.benchmarks.load.BlockingTransport;
import io.datapunk.mesh.benchmarks.load.ContextVariantClient;
import io.datapunk.mesh.benchmarks.load.VariantClient;
import io.datapunk.mesh.spi.MeshLoadBalancer;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The mesh variant's application: the mesh starter's auto-configuration, one
 * {@code @MeshClient}, and no mesh setting but the static instances, because the defaults
 * are what is measured.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class MeshBenchmarkApplication {

	/**
	 * Start the application, calling the given instances.
	 * @param urls the instances of service {@code inventory}
	 * @return a client over the application's {@code @MeshClient}
	 */
	public static VariantClient open(List<String> urls) {
		Map<String, Object> properties = new LinkedHashMap<>();
		// No application.properties of anyone else's.
		properties.put("spring.config.name", "mesh-benchmarks");
		properties.put("logging.level.root", "WARN");
		for (int i = 0; i < urls.size(); i++) {
			properties.put("mesh.services.inventory.instances[" + i + "]", urls.get(i));
		}
		// Spring Cloud LoadBalancer and CircuitBreaker are on the class path only for the
		// spring-cloud variant: leave them out here, as an application with the mesh
		// starter alone would.
		properties.put("spring.cloud.loadbalancer.enabled", "false");
		properties.put("spring.cloud.circuitbreaker.resilience4j.enabled", "false");
		BlockingTransport.pinJdkClient(properties);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MeshBenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(properties)
			.run();
		InventoryClient inventory = context.getBean(InventoryClient.class);
		// The strategies are being added: say which one served, since it shapes the
		// results.
		String balancer = context.getBean(MeshLoadBalancer.class).getClass().getSimpleName();
		return new ContextVariantClient(context, inventory::item, "load balancer " + balancer);
	}

}
