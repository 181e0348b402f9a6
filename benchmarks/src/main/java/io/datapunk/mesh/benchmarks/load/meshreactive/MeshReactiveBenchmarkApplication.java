package io.datapunk.mesh.benchmarks.load.meshreactive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.MeshWebClient;
import io.datapunk.mesh.benchmarks.load.ReactiveContextVariantClient;
import io.datapunk.mesh.benchmarks.load.VariantClient;
import io.datapunk.mesh.spi.MeshLoadBalancer;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The mesh-reactive variant's application: the mesh starter's auto-configuration, an HTTP
 * interface on a {@code WebClient} built from the {@link MeshWebClient @MeshWebClient}
 * builder (Spring Boot's builder, on Reactor Netty, with the mesh's filter), and no mesh
 * setting but the static instances, as for the mesh variant.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class MeshReactiveBenchmarkApplication {

	@Bean
	ReactiveInventoryApi reactiveInventoryApi(@MeshWebClient WebClient.Builder builder) {
		WebClient webClient = builder.baseUrl("http://inventory").build();
		return HttpServiceProxyFactory.builderFor(WebClientAdapter.create(webClient))
			.build()
			.createClient(ReactiveInventoryApi.class);
	}

	/**
	 * Start the application, calling the given instances.
	 * @param urls the instances of service {@code inventory}
	 * @return a client over the application's HTTP interface
	 */
	public static VariantClient open(List<String> urls) {
		Map<String, Object> properties = new LinkedHashMap<>();
		// No application.properties of anyone else's.
		properties.put("spring.config.name", "mesh-benchmarks");
		properties.put("logging.level.root", "WARN");
		for (int i = 0; i < urls.size(); i++) {
			properties.put("mesh.services.inventory.instances[" + i + "]", urls.get(i));
		}
		// As for the mesh variant: Spring Cloud's own stack is on the class path only for
		// the spring-cloud variants.
		properties.put("spring.cloud.loadbalancer.enabled", "false");
		properties.put("spring.cloud.circuitbreaker.resilience4j.enabled", "false");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MeshReactiveBenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(properties)
			.run();
		ReactiveInventoryApi inventory = context.getBean(ReactiveInventoryApi.class);
		String balancer = context.getBean(MeshLoadBalancer.class).getClass().getSimpleName();
		return new ReactiveContextVariantClient(context, inventory::item, "load balancer " + balancer);
	}

}
