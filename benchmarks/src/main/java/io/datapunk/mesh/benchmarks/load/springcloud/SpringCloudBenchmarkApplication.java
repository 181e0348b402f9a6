package io.datapunk.mesh.benchmarks.load.springcloud;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.benchmarks.load.ClientLibrary;
import io.datapunk.mesh.benchmarks.load.ContextVariantClient;
import io.datapunk.mesh.benchmarks.load.VariantClient;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The spring-cloud variant's application, as Spring Cloud's reference documentation sets
 * one up: a {@code @LoadBalanced RestClient.Builder} bean, an HTTP interface over it,
 * {@code SimpleDiscoveryClient} instances, LoadBalancer retry (spring-retry's
 * {@code RetryLoadBalancerInterceptor}, the blocking mechanism that applies to
 * {@code RestClient}) on the next instance and on 503, and a Resilience4j circuit breaker
 * with the default configuration around each call.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SpringCloudBenchmarkApplication {

	/**
	 * The builder as Spring Cloud's documentation declares it
	 * ({@code RestClient.builder()}, here given the request factory of Spring Boot's
	 * builder bean, so that the chosen client library serves it rather than the first one
	 * Spring Framework finds on the class path), or, for the
	 * {@code spring-cloud-observed} variant, configured as Spring Boot configures the
	 * builders it injects: with its message converters and the
	 * {@code http.client.requests} observation that mesh clients carry too.
	 */
	@Bean
	@LoadBalanced
	RestClient.Builder loadBalancedRestClientBuilder(BeanFactory beanFactory,
			@Value("${benchmarks.spring-cloud.boot-builder:false}") boolean bootBuilder) {
		return bootBuilder ? BootRestClientBuilders.configure(beanFactory, RestClient.builder()) : RestClient.builder()
			.requestFactory(beanFactory.getBean(ClientHttpRequestFactoryBuilder.class).build());
	}

	@Bean
	InventoryApi inventoryApi(@LoadBalanced RestClient.Builder builder) {
		RestClient restClient = builder.baseUrl("http://inventory").build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient))
			.build()
			.createClient(InventoryApi.class);
	}

	@Bean
	InventoryService inventoryService(InventoryApi api, CircuitBreakerFactory<?, ?> circuitBreakers) {
		return new InventoryService(api, circuitBreakers);
	}

	/**
	 * Start the application, calling the given instances.
	 * @param urls the instances of service {@code inventory}
	 * @param bootBuilder whether the load-balanced builder is configured as Spring Boot
	 * configures its own (observation included)
	 * @param client the HTTP client library, chosen with Spring Boot's property as an
	 * application would
	 * @return a client over the application's circuit-breaker-wrapped HTTP interface
	 */
	public static VariantClient open(List<String> urls, boolean bootBuilder, ClientLibrary client) {
		Map<String, Object> properties = new LinkedHashMap<>();
		// No application.properties of anyone else's.
		properties.put("spring.config.name", "mesh-benchmarks");
		properties.put("logging.level.root", "WARN");
		properties.put("mesh.enabled", "false");
		properties.putAll(client.properties());
		properties.put("benchmarks.spring-cloud.boot-builder", Boolean.toString(bootBuilder));
		for (int i = 0; i < urls.size(); i++) {
			properties.put("spring.cloud.discovery.client.simple.instances.inventory[" + i + "].uri", urls.get(i));
		}
		// Retry on the next instance (not the same one), on 503 as on I/O errors; GET
		// only.
		properties.put("spring.cloud.loadbalancer.retry.enabled", "true");
		properties.put("spring.cloud.loadbalancer.retry.max-retries-on-same-service-instance", "0");
		properties.put("spring.cloud.loadbalancer.retry.max-retries-on-next-service-instance", "1");
		properties.put("spring.cloud.loadbalancer.retry.retryable-status-codes", "503");
		// resilience4j-bulkhead is on this class path only through the mesh starter and
		// the reactive variants' resilience4j-reactor; the blocking circuit-breaker
		// starter alone does not bring it. With it, every call would also
		// go through a thread-pool bulkhead sized to the CPU count (2 threads here).
		properties.put("spring.cloud.circuitbreaker.bulkhead.resilience4j.enabled", "false");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SpringCloudBenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties(properties)
			.run();
		InventoryService inventory = context.getBean(InventoryService.class);
		String transport = context.getBean(ClientHttpRequestFactoryBuilder.class).getClass().getSimpleName();
		return new ContextVariantClient(context, inventory::item,
				bootBuilder ? "Spring Boot's builder: http.client.requests observed, " + transport : transport);
	}

}
