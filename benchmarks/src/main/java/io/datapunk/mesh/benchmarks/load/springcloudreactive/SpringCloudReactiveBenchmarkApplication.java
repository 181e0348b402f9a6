package io.datapunk.mesh.benchmarks.load.springcloudreactive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.benchmarks.load.ReactiveContextVariantClient;
import io.datapunk.mesh.benchmarks.load.VariantClient;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancedExchangeFilterFunction;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The spring-cloud-reactive variant's application, as Spring Cloud's reference
 * documentation sets one up for WebFlux: LoadBalancer's exchange filter function on a
 * {@code WebClient.Builder}, {@code SimpleDiscoveryClient} instances, LoadBalancer retry
 * ({@code RetryableLoadBalancerExchangeFilterFunction}, which the filter bean is once
 * retry is on) on the next instance and on 503, and a reactive Resilience4j circuit
 * breaker with the default configuration around each call. The builder is Spring Boot's
 * (Reactor Netty, its codecs and the {@code http.client.requests} observation), the one
 * the mesh-reactive variant's {@code @MeshWebClient} builder starts from too, so that the
 * two pipelines compare like for like.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SpringCloudReactiveBenchmarkApplication {

	@Bean
	ReactiveInventoryApi reactiveInventoryApi(WebClient.Builder builder,
			LoadBalancedExchangeFilterFunction loadBalancer) {
		WebClient webClient = builder.filter(loadBalancer).baseUrl("http://inventory").build();
		return HttpServiceProxyFactory.builderFor(WebClientAdapter.create(webClient))
			.build()
			.createClient(ReactiveInventoryApi.class);
	}

	@Bean
	ReactiveInventoryService reactiveInventoryService(ReactiveInventoryApi api,
			ReactiveCircuitBreakerFactory<?, ?> circuitBreakers) {
		return new ReactiveInventoryService(api, circuitBreakers);
	}

	/**
	 * Start the application, calling the given instances.
	 * @param urls the instances of service {@code inventory}
	 * @return a client over the application's circuit-breaker-wrapped HTTP interface
	 */
	public static VariantClient open(List<String> urls) {
		Map<String, Object> properties = new LinkedHashMap<>();
		// No application.properties of anyone else's.
		properties.put("spring.config.name", "mesh-benchmarks");
		properties.put("logging.level.root", "WARN");
		properties.put("mesh.enabled", "false");
		for (int i = 0; i < urls.size(); i++) {
			properties.put("spring.cloud.discovery.client.simple.instances.inventory[" + i + "].uri", urls.get(i));
		}
		// As for the spring-cloud variant: retry on the next instance (not the same
		// one), on 503 as on I/O errors; GET only.
		properties.put("spring.cloud.loadbalancer.retry.enabled", "true");
		properties.put("spring.cloud.loadbalancer.retry.max-retries-on-same-service-instance", "0");
		properties.put("spring.cloud.loadbalancer.retry.max-retries-on-next-service-instance", "1");
		properties.put("spring.cloud.loadbalancer.retry.retryable-status-codes", "503");
		// resilience4j-bulkhead is on the class path (resilience4j-reactor brings it, as
		// does the mesh starter), so Spring Cloud would put every call through a
		// semaphore bulkhead of Resilience4j's default 25 concurrent calls that rejects
		// the rest at once: most calls would fail at 256 in flight. A careful user sizes
		// it or turns it off; off, as for the spring-cloud variant.
		properties.put("spring.cloud.circuitbreaker.bulkhead.resilience4j.enabled", "false");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(
				SpringCloudReactiveBenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(properties)
			.run();
		ReactiveInventoryService inventory = context.getBean(ReactiveInventoryService.class);
		String filter = context.getBean(LoadBalancedExchangeFilterFunction.class).getClass().getSimpleName();
		return new ReactiveContextVariantClient(context, inventory::item, filter);
	}

}
