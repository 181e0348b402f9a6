package io.datapunk.mesh.autoconfigure.resilience;

import io.datapunk.mesh.autoconfigure.config.MeshSettingsResolver;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.autoconfigure.config.MeshProperties;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.mock.http.client.MockClientHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.resilience.ServiceResilience;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.internal.resilience.InboundDeadlineFilter;
import io.datapunk.mesh.internal.resilience.InboundDeadlineWebFilter;
import io.datapunk.mesh.spi.RetryCondition;
import io.datapunk.mesh.internal.resilience.RetryPolicy;

/**
 * Wiring of the {@link ResilienceRegistry}: defaults, switches, backing off, a missing
 * Resilience4j, user retry conditions, the inbound deadline filter and the sharing of
 * circuit breakers with Resilience4j's registry.
 */
class ResilienceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class, ResilienceAutoConfiguration.class));

	private final WebApplicationContextRunner webContextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class, ResilienceAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactiveContextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class, ResilienceAutoConfiguration.class));

	@Test
	void runWithDefaultsShouldCreateResilienceRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ResilienceRegistry.class);
			ServiceResilience inventory = context.getBean(ResilienceRegistry.class).forService("inventory");
			assertThat(inventory.circuitBreaker()).isNotNull();
			assertThat(inventory.outlierDetector()).isNotNull();
			assertThat(inventory.retryPolicy().maxAttempts()).isEqualTo(3);
		});
	}

	@Test
	void runWhenMeshDisabledShouldNotCreateResilienceRegistry() {
		this.contextRunner.withPropertyValues("mesh.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ResilienceRegistry.class));
	}

	@Test
	void runWithUserResilienceRegistryShouldBackOff() {
		ResilienceRegistry own = new ResilienceRegistry(MeshSettingsResolver.resolve(new MeshProperties(), null),
				CircuitBreakerRegistry.ofDefaults(), List.of(), Clock.systemUTC());
		this.contextRunner.withBean("myRegistry", ResilienceRegistry.class, () -> own).run((context) -> {
			assertThat(context).hasSingleBean(ResilienceRegistry.class);
			assertThat(context.getBean(ResilienceRegistry.class)).isSameAs(own);
		});
	}

	@Test
	void runWithoutResilience4jShouldNotCreateResilienceRegistry() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(CircuitBreakerRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ResilienceRegistry.class));
	}

	@Test
	void runWithRetryConditionBeanShouldAskIt() {
		this.contextRunner
			.withBean(RetryCondition.class,
					() -> (attempt) -> attempt.status() != null && attempt.status().value() == 429
							&& "inventory".equals(attempt.serviceId()))
			.run((context) -> {
				RetryPolicy policy = context.getBean(ResilienceRegistry.class).forService("inventory").retryPolicy();
				MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, "/stock");
				assertThat(policy.isRetryable("inventory", request, HttpStatusCode.valueOf(429), new HttpHeaders()))
					.isTrue();
				assertThat(policy.isRetryable("inventory", request, HttpStatusCode.valueOf(503), new HttpHeaders()))
					.isTrue();
				assertThat(policy.isRetryable("inventory", request, HttpStatusCode.valueOf(500), new HttpHeaders()))
					.isFalse();
				assertThat(policy.isRetryable("inventory", request, new IOException("reset"))).isTrue();
			});
	}

	@Test
	void runWithoutRetryConditionShouldRetryOnlyConfiguredStatuses() {
		this.contextRunner.run((context) -> {
			RetryPolicy policy = context.getBean(ResilienceRegistry.class).forService("inventory").retryPolicy();
			MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, "/stock");
			assertThat(policy.isRetryable("inventory", request, HttpStatusCode.valueOf(429), new HttpHeaders()))
				.isFalse();
		});
	}

	@Test
	void runInServletApplicationShouldRegisterInboundDeadlineFilter() {
		this.webContextRunner.run((context) -> {
			assertThat(context).hasBean("meshInboundDeadlineFilter");
			assertThat(context.getBean("meshInboundDeadlineFilter", FilterRegistrationBean.class).getFilter())
				.isInstanceOf(InboundDeadlineFilter.class);
		});
	}

	@Test
	void runInServletApplicationWithDeadlinePropagationDisabledShouldNotRegisterFilter() {
		this.webContextRunner.withPropertyValues("mesh.deadline-propagation.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(ResilienceRegistry.class);
			assertThat(context).doesNotHaveBean("meshInboundDeadlineFilter");
		});
	}

	@Test
	void runInNonWebApplicationShouldNotRegisterFilter() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ResilienceRegistry.class);
			assertThat(context).doesNotHaveBean("meshInboundDeadlineFilter")
				.doesNotHaveBean(InboundDeadlineWebFilter.class);
		});
	}

	@Test
	void runInReactiveApplicationShouldRegisterInboundDeadlineWebFilterOnly() {
		this.reactiveContextRunner.run((context) -> {
			assertThat(context).hasSingleBean(InboundDeadlineWebFilter.class);
			assertThat(context).doesNotHaveBean("meshInboundDeadlineFilter");
		});
		// The servlet application gets the servlet filter, not this one.
		this.webContextRunner.run((context) -> assertThat(context).hasBean("meshInboundDeadlineFilter")
			.doesNotHaveBean(InboundDeadlineWebFilter.class));
	}

	@Test
	void runInReactiveApplicationWithDeadlinePropagationDisabledShouldNotRegisterWebFilter() {
		this.reactiveContextRunner.withPropertyValues("mesh.deadline-propagation.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(ResilienceRegistry.class);
			assertThat(context).doesNotHaveBean(InboundDeadlineWebFilter.class);
		});
	}

	@Test
	void runWithCircuitBreakerRegistryBeanShouldCreateBreakersInIt() {
		CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
		this.contextRunner.withBean(CircuitBreakerRegistry.class, () -> circuitBreakers)
			.withPropertyValues("mesh.services.inventory.circuit-breaker.sliding-window-size=20")
			.run((context) -> {
				CircuitBreaker breaker = context.getBean(ResilienceRegistry.class)
					.forService("inventory")
					.circuitBreaker();
				assertThat(circuitBreakers.find("inventory")).containsSame(breaker);
				assertThat(breaker.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(20);
			});
	}

	@Test
	void runWithBreakerAlreadyInRegistryShouldUseItAsConfigured() {
		CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
		CircuitBreaker configured = circuitBreakers.circuitBreaker("inventory",
				CircuitBreakerConfig.custom().slidingWindowSize(7).build());
		this.contextRunner.withBean(CircuitBreakerRegistry.class, () -> circuitBreakers)
			.withPropertyValues("mesh.services.inventory.circuit-breaker.sliding-window-size=20")
			.run((context) -> {
				CircuitBreaker breaker = context.getBean(ResilienceRegistry.class)
					.forService("inventory")
					.circuitBreaker();
				assertThat(breaker).isSameAs(configured);
				assertThat(breaker.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(7);
			});
	}

	@Test
	void runWithCircuitBreakerDisabledForServiceShouldGiveNoBreaker() {
		CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
		this.contextRunner.withBean(CircuitBreakerRegistry.class, () -> circuitBreakers)
			.withPropertyValues("mesh.services.inventory.circuit-breaker.enabled=false")
			.run((context) -> {
				ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
				assertThat(registry.forService("inventory").circuitBreaker()).isNull();
				assertThat(circuitBreakers.find("inventory")).isEmpty();
				assertThat(registry.forService("billing").circuitBreaker()).isNotNull();
			});
	}

	@Test
	void runWithResilience4jAutoConfigurationShouldShareItsRegistryAndInstances() {
		this.contextRunner.withConfiguration(MeshTestAutoConfigurations.resilience4jCircuitBreakers())
			.withPropertyValues("resilience4j.circuitbreaker.instances.inventory.sliding-window-size=7",
					"mesh.defaults.circuit-breaker.sliding-window-size=20")
			.run((context) -> {
				assertThat(context).hasSingleBean(CircuitBreakerRegistry.class);
				CircuitBreakerRegistry circuitBreakers = context.getBean(CircuitBreakerRegistry.class);
				ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
				CircuitBreaker inventory = registry.forService("inventory").circuitBreaker();
				assertThat(inventory.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(7);
				assertThat(circuitBreakers.find("inventory")).containsSame(inventory);
				CircuitBreaker billing = registry.forService("billing").circuitBreaker();
				assertThat(billing.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(20);
				assertThat(billing.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1))
					.isEqualTo(Duration.ofSeconds(30).toMillis());
				assertThat(circuitBreakers.find("billing")).containsSame(billing);
			});
	}

}
