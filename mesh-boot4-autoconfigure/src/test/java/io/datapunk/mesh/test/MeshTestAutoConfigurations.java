package io.datapunk.mesh.test;

import io.datapunk.mesh.autoconfigure.balancer.LoadBalancerAutoConfiguration;
import io.datapunk.mesh.autoconfigure.cache.DiscoveryCacheAutoConfiguration;
import io.datapunk.mesh.autoconfigure.client.MeshClientAutoConfiguration;
import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.autoconfigure.discovery.DiscoveryAutoConfiguration;
import io.datapunk.mesh.autoconfigure.resilience.ResilienceAutoConfiguration;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

/**
 * The auto-configurations a mesh client application runs with: the mesh's own and the
 * Spring Boot ones it builds on (Boot 4's, whose HTTP client, RestClient, message
 * converter and Jackson auto-configurations moved to modules of their own).
 */
public final class MeshTestAutoConfigurations {

	private MeshTestAutoConfigurations() {
	}

	/**
	 * Return the mesh and HTTP client auto-configurations.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations meshClient() {
		return AutoConfigurations.of(MeshAutoConfiguration.class, DiscoveryAutoConfiguration.class,
				DiscoveryCacheAutoConfiguration.class, LoadBalancerAutoConfiguration.class,
				ResilienceAutoConfiguration.class, MeshClientAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ImperativeHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
				SslAutoConfiguration.class);
	}

	/**
	 * Return Spring Boot's Redis auto-configuration, which the mesh's Redis tier builds
	 * on.
	 * @return the auto-configuration
	 */
	public static AutoConfigurations redis() {
		return AutoConfigurations.of(DataRedisAutoConfiguration.class);
	}

	/**
	 * Return the metrics and observation auto-configurations of an application whose HTTP
	 * clients are observed, with a simple meter registry.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations clientObservations() {
		return AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				ObservationAutoConfiguration.class, RestClientObservationAutoConfiguration.class);
	}

	/**
	 * Return the Resilience4j Spring Boot auto-configuration of circuit breakers.
	 * @return the auto-configuration
	 */
	public static AutoConfigurations resilience4jCircuitBreakers() {
		return AutoConfigurations.of(CircuitBreakerAutoConfiguration.class);
	}

	/**
	 * Return Spring Boot's {@code RestTemplate} auto-configuration, whose builder the
	 * {@code @MeshRestTemplate} one is configured like.
	 * @return the auto-configuration
	 */
	public static AutoConfigurations restTemplate() {
		return AutoConfigurations.of(RestTemplateAutoConfiguration.class);
	}

	/**
	 * Return Spring Boot's reactive HTTP connector and {@code WebClient}
	 * auto-configurations, whose builder the {@code @MeshWebClient} one starts from.
	 * @return the auto-configurations
	 */
	public static AutoConfigurations webClient() {
		return AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class);
	}

}
