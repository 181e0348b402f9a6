package io.datapunk.mesh.autoconfigure.config;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.internal.config.CircuitBreakerSettings;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.config.OutlierDetectionSettings;
import io.datapunk.mesh.internal.config.RetryBudgetSettings;
import io.datapunk.mesh.internal.config.RetrySettings;
import io.datapunk.mesh.internal.config.ServiceSettings;

/**
 * Resolving the resilience settings of a service: its {@code mesh.services.<name>} values
 * over {@code mesh.defaults} over the built-in defaults, field by field.
 */
class MeshSettingsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class));

	@Test
	void runWithNothingSetShouldUseBuiltInDefaults() {
		this.contextRunner.run((context) -> {
			ServiceSettings inventory = context.getBean(MeshSettings.class).service("inventory");
			assertThat(inventory.timeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(inventory.attemptTimeout()).isNull();
			RetrySettings retry = inventory.retry();
			assertThat(retry.maxAttempts()).isEqualTo(3);
			assertThat(retry.baseBackoff()).isEqualTo(Duration.ofSeconds(1));
			assertThat(retry.maxBackoff()).isEqualTo(Duration.ofSeconds(15));
			assertThat(retry.statuses()).containsExactlyInAnyOrder(502, 503, 504);
			assertThat(retry.exceptions()).containsExactly(IOException.class);
			assertThat(retry.methods()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
					HttpMethod.PUT, HttpMethod.DELETE);
			CircuitBreakerSettings circuitBreaker = inventory.circuitBreaker();
			assertThat(circuitBreaker.enabled()).isTrue();
			assertThat(circuitBreaker.failureRateThreshold()).isEqualTo(50f);
			assertThat(circuitBreaker.waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(30));
			assertThat(circuitBreaker.slidingWindowType()).isEqualTo(SlidingWindowType.COUNT_BASED);
			assertThat(circuitBreaker.slidingWindowSize()).isEqualTo(100);
			RetryBudgetSettings retryBudget = inventory.retryBudget();
			assertThat(retryBudget.retryRatio()).isEqualTo(0.2);
			assertThat(retryBudget.minRetriesPerSecond()).isEqualTo(10);
			assertThat(retryBudget.window()).isEqualTo(Duration.ofSeconds(10));
			OutlierDetectionSettings outlierDetection = inventory.outlierDetection();
			assertThat(outlierDetection.enabled()).isTrue();
			assertThat(outlierDetection.consecutiveFailures()).isEqualTo(5);
			assertThat(outlierDetection.baseEjectionTime()).isEqualTo(Duration.ofSeconds(30));
			assertThat(outlierDetection.maxEjectionTime()).isEqualTo(Duration.ofSeconds(300));
			assertThat(outlierDetection.maxEjectionRatio()).isEqualTo(0.5);
			assertThat(outlierDetection.panicThreshold()).isEqualTo(0.5);
		});
	}

	@Test
	void meshDefaultsShouldOverrideBuiltInDefaults() {
		this.contextRunner
			.withPropertyValues("mesh.defaults.timeout=5s", "mesh.defaults.attempt-timeout=2s",
					"mesh.defaults.retry.max-attempts=5", "mesh.defaults.retry.statuses=429,503",
					"mesh.defaults.retry.exceptions=java.net.http.HttpTimeoutException",
					"mesh.defaults.circuit-breaker.failure-rate-threshold=25",
					"mesh.defaults.circuit-breaker.wait-duration-in-open-state=5s",
					"mesh.defaults.retry-budget.retry-ratio=0.1", "mesh.defaults.outlier-detection.enabled=false",
					"mesh.defaults.outlier-detection.consecutive-failures=3")
			.run((context) -> {
				ServiceSettings billing = context.getBean(MeshSettings.class).service("billing");
				assertThat(billing.timeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(billing.attemptTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(billing.retry().maxAttempts()).isEqualTo(5);
				assertThat(billing.retry().statuses()).containsExactlyInAnyOrder(429, 503);
				assertThat(billing.retry().exceptions()).containsExactly(HttpTimeoutException.class);
				assertThat(billing.circuitBreaker().failureRateThreshold()).isEqualTo(25f);
				assertThat(billing.circuitBreaker().waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(5));
				assertThat(billing.retryBudget().retryRatio()).isEqualTo(0.1);
				assertThat(billing.outlierDetection().enabled()).isFalse();
				assertThat(billing.outlierDetection().consecutiveFailures()).isEqualTo(3);
				// Unset in mesh.defaults: still built in.
				assertThat(billing.retry().baseBackoff()).isEqualTo(Duration.ofSeconds(1));
				assertThat(billing.retryBudget().window()).isEqualTo(Duration.ofSeconds(10));
			});
	}

	@Test
	void serviceValuesShouldOverrideDefaultsFieldByField() {
		this.contextRunner
			.withPropertyValues("mesh.defaults.retry.max-attempts=4", "mesh.defaults.retry.base-backoff=200ms",
					"mesh.defaults.circuit-breaker.failure-rate-threshold=25", "mesh.defaults.timeout=5s",
					"mesh.services.inventory.retry.max-attempts=2",
					"mesh.services.inventory.circuit-breaker.sliding-window-size=20",
					"mesh.services.inventory.attempt-timeout=1s")
			.run((context) -> {
				ServiceSettings inventory = context.getBean(MeshSettings.class).service("inventory");
				assertThat(inventory.retry().maxAttempts()).isEqualTo(2);
				assertThat(inventory.retry().baseBackoff()).isEqualTo(Duration.ofMillis(200));
				assertThat(inventory.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(15));
				assertThat(inventory.circuitBreaker().slidingWindowSize()).isEqualTo(20);
				assertThat(inventory.circuitBreaker().failureRateThreshold()).isEqualTo(25f);
				assertThat(inventory.attemptTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(inventory.timeout()).isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void serviceListShouldReplaceDefaultsListRatherThanMerge() {
		this.contextRunner
			.withPropertyValues("mesh.defaults.retry.statuses=502,503,504",
					"mesh.services.inventory.retry.statuses=429")
			.run((context) -> assertThat(context.getBean(MeshSettings.class).service("inventory").retry().statuses())
				.containsExactly(429));
	}

	@Test
	void unconfiguredServiceShouldGetTheDefaults() {
		this.contextRunner
			.withPropertyValues("mesh.defaults.retry.max-attempts=4", "mesh.services.inventory.retry.max-attempts=2")
			.run((context) -> {
				MeshSettings settings = context.getBean(MeshSettings.class);
				assertThat(settings.configuredServices()).containsExactly("inventory");
				ServiceSettings billing = settings.service("billing");
				assertThat(billing.serviceId()).isEqualTo("billing");
				assertThat(billing.instances()).isEmpty();
				assertThat(billing.retry().maxAttempts()).isEqualTo(4);
				assertThat(settings.service("billing")).isSameAs(billing);
			});
	}

	@Test
	void environmentVariablesWithDashesDroppedShouldBind() {
		Map<String, Object> variables = Map.of("MESH_DEFAULTS_RETRY_MAXATTEMPTS", "5",
				"MESH_DEFAULTS_CIRCUITBREAKER_FAILURERATETHRESHOLD", "25", "MESH_SERVICES_INVENTORY_RETRY_BASEBACKOFF",
				"200ms", "MESH_DEFAULTS_RETRY_METHODS", "GET,POST", "MESH_DEFAULTS_RETRYBUDGET_RETRYRATIO", "0.1");
		this.contextRunner.withPropertyValues("mesh.defaults.retry.max-attempts=2")
			.withInitializer(environmentVariables(variables))
			.run((context) -> {
				ServiceSettings inventory = context.getBean(MeshSettings.class).service("inventory");
				assertThat(inventory.retry().maxAttempts()).isEqualTo(5);
				assertThat(inventory.retry().baseBackoff()).isEqualTo(Duration.ofMillis(200));
				assertThat(inventory.retry().methods()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.POST);
				assertThat(inventory.circuitBreaker().failureRateThreshold()).isEqualTo(25f);
				assertThat(inventory.retryBudget().retryRatio()).isEqualTo(0.1);
			});
	}

	@Test
	void environmentVariableWithUnderscoreForDashInPropertyNameShouldAlsoBind() {
		// Spring Boot's legacy form: MAX_ATTEMPTS reads as max-attempts too.
		this.contextRunner.withInitializer(environmentVariables(Map.of("MESH_DEFAULTS_RETRY_MAX_ATTEMPTS", "5")))
			.run((context) -> assertThat(context.getBean(MeshSettings.class).service("inventory").retry().maxAttempts())
				.isEqualTo(5));
	}

	@Test
	void environmentVariableCannotAddressServiceWhoseNameHasDash() {
		this.contextRunner
			.withInitializer(environmentVariables(Map.of("MESH_SERVICES_ORDER_SERVICE_RETRY_MAXATTEMPTS", "5")))
			.run((context) -> {
				MeshSettings settings = context.getBean(MeshSettings.class);
				assertThat(settings.configuredServices()).doesNotContain("order-service");
				assertThat(settings.service("order-service").retry().maxAttempts()).isEqualTo(3);
			});
	}

	@Test
	void retryMethodsShouldBindToHttpMethods() {
		this.contextRunner.withPropertyValues("mesh.services.inventory.retry.methods=GET,POST")
			.run((context) -> assertThat(context.getBean(MeshSettings.class).service("inventory").retry().methods())
				.containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.POST));
	}

	@Test
	void circuitBreakerAndOutlierDetectionCanBeTurnedOffForOneService() {
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.circuit-breaker.enabled=false",
					"mesh.services.inventory.outlier-detection.enabled=false")
			.run((context) -> {
				MeshSettings settings = context.getBean(MeshSettings.class);
				assertThat(settings.service("inventory").circuitBreaker().enabled()).isFalse();
				assertThat(settings.service("inventory").outlierDetection().enabled()).isFalse();
				assertThat(settings.service("billing").circuitBreaker().enabled()).isTrue();
				assertThat(settings.service("billing").outlierDetection().enabled()).isTrue();
			});
	}

	@Test
	void deadlinePropagationShouldBeOnUnlessDisabled() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(MeshSettings.class).isDeadlinePropagationEnabled()).isTrue());
		this.contextRunner.withPropertyValues("mesh.deadline-propagation.enabled=false")
			.run((context) -> assertThat(context.getBean(MeshSettings.class).isDeadlinePropagationEnabled()).isFalse());
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
			Map<String, Object> variables) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					variables));
	}

}
