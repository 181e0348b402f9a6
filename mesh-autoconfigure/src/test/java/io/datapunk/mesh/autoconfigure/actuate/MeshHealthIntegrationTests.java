package io.datapunk.mesh.autoconfigure.actuate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.datapunk.mesh.autoconfigure.actuate.app.StorefrontApplication.InventoryClient;
import io.datapunk.mesh.autoconfigure.actuate.app.StorefrontApplication.PaymentsClient;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.client.HttpServerErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.actuate.RunningStorefront;

/**
 * The {@code mesh} health contributor and readiness, on a running web application whose
 * services are real HTTP servers.
 */
class MeshHealthIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three", "pay");

	private static String[] properties(String... more) {
		String inventory = servers.get(0).uri() + "," + servers.get(1).uri() + "," + servers.get(2).uri();
		String[] base = { "mesh.services.inventory.instances=" + inventory,
				"mesh.services.payments.instances=" + servers.get(3).uri(),
				"mesh.services.payments.circuit-breaker.sliding-window-size=4",
				"mesh.services.payments.circuit-breaker.minimum-number-of-calls=4",
				"mesh.services.inventory.circuit-breaker.sliding-window-size=4",
				"mesh.services.inventory.circuit-breaker.minimum-number-of-calls=4" };
		String[] all = new String[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

	@Test
	void servicesWithAllInstancesUpShouldBeUpWithTheirCounts() {
		try (RunningStorefront app = RunningStorefront.start(properties())) {
			JsonNode mesh = app.getJson("/actuator/health/mesh");
			assertThat(mesh.path("status").asText()).isEqualTo("UP");
			JsonNode inventory = mesh.path("components").path("inventory");
			assertThat(inventory.path("status").asText()).isEqualTo("UP");
			assertThat(inventory.path("details").path("instances").asInt()).isEqualTo(3);
			assertThat(inventory.path("details").path("available").asInt()).isEqualTo(3);
			assertThat(inventory.path("details").path("ejected").asInt()).isZero();
			assertThat(inventory.path("details").path("circuitBreaker").asText()).isEqualTo("CLOSED");
			assertThat(mesh.path("components").path("payments").path("details").path("instances").asInt()).isEqualTo(1);
			// One service alone, by its path.
			assertThat(app.getJson("/actuator/health/mesh/inventory").path("status").asText()).isEqualTo("UP");
		}
	}

	@Test
	void serviceWithAnEjectedInstanceShouldStayUpAndCountIt() {
		servers.get(0).respondWith(503);
		try (RunningStorefront app = RunningStorefront
			.start(properties("mesh.services.inventory.outlier-detection.consecutive-failures=2",
					"mesh.services.inventory.load-balancer=round-robin",
					"mesh.services.inventory.retry.base-backoff=1ms"))) {
			InventoryClient inventory = app.bean(InventoryClient.class);
			for (int i = 0; i < 12; i++) {
				assertThat(inventory.item("42")).doesNotContainEntry("server", "one");
			}
			JsonNode health = app.getJson("/actuator/health/mesh/inventory");
			assertThat(health.path("status").asText()).isEqualTo("UP");
			assertThat(health.path("details").path("instances").asInt()).isEqualTo(3);
			assertThat(health.path("details").path("available").asInt()).isEqualTo(2);
			assertThat(health.path("details").path("ejected").asInt()).isEqualTo(1);
		}
	}

	@Test
	void nonCriticalServiceWithAnOpenBreakerShouldBeUnavailableWithoutTakingTheApplicationDown() {
		servers.get(3).respondWith(500);
		try (RunningStorefront app = RunningStorefront.start(properties())) {
			openPaymentsBreaker(app);
			var response = app.get("/actuator/health");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode health = RunningStorefront.parse(response);
			assertThat(health.path("status").asText()).isEqualTo("UP");
			JsonNode payments = health.path("components").path("mesh").path("components").path("payments");
			assertThat(payments.path("status").asText()).isEqualTo("UNAVAILABLE");
			assertThat(payments.path("details").path("circuitBreaker").asText()).isEqualTo("OPEN");
			assertThat(payments.path("details").path("available").asInt()).isEqualTo(1);
			assertThat(
					health.path("components").path("mesh").path("components").path("inventory").path("status").asText())
				.isEqualTo("UP");
		}
	}

	@Test
	void criticalServiceWithAnOpenBreakerShouldBeDownAndTakeTheMeshDown() {
		servers.get(3).respondWith(500);
		try (RunningStorefront app = RunningStorefront.start(properties("mesh.services.payments.critical=true"))) {
			openPaymentsBreaker(app);
			var response = app.get("/actuator/health/mesh");
			assertThat(response.statusCode()).isEqualTo(503);
			JsonNode mesh = RunningStorefront.parse(response);
			assertThat(mesh.path("status").asText()).isEqualTo("DOWN");
			JsonNode payments = mesh.path("components").path("payments");
			assertThat(payments.path("status").asText()).isEqualTo("DOWN");
			assertThat(payments.path("details").path("circuitBreaker").asText()).isEqualTo("OPEN");
			assertThat(payments.path("details").path("critical").asBoolean()).isTrue();
			assertThat(mesh.path("components").path("inventory").path("status").asText()).isEqualTo("UP");
		}
	}

	@Test
	void readinessShouldFollowACriticalServiceOnly() {
		servers.get(3).respondWith(500);
		try (RunningStorefront app = RunningStorefront.start(properties("mesh.services.payments.critical=true"))) {
			assertThat(readiness(app)).isEqualTo("UP");
			// A non-critical service down: readiness does not move.
			servers.get(0).respondWith(500);
			servers.get(1).respondWith(500);
			servers.get(2).respondWith(500);
			InventoryClient inventory = app.bean(InventoryClient.class);
			for (int i = 0; i < 4; i++) {
				assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> inventory.item("1"));
			}
			JsonNode inventoryHealth = RunningStorefront.parse(app.get("/actuator/health/mesh/inventory"));
			assertThat(inventoryHealth.path("status").asText()).isEqualTo("UNAVAILABLE");
			await().during(Duration.ofMillis(2500))
				.atMost(5, TimeUnit.SECONDS)
				.until(() -> "UP".equals(readiness(app)));
			// The critical one down: the application refuses traffic, then takes it back.
			openPaymentsBreaker(app);
			await().atMost(10, TimeUnit.SECONDS).until(() -> "OUT_OF_SERVICE".equals(readiness(app)));
			servers.get(3).respondWith(200);
			app.bean(ResilienceRegistry.class).forService("payments").circuitBreaker().transitionToClosedState();
			await().atMost(10, TimeUnit.SECONDS).until(() -> "UP".equals(readiness(app)));
		}
	}

	@Test
	void meshShouldNotBeInTheLivenessGroup() {
		servers.get(3).respondWith(500);
		try (RunningStorefront app = RunningStorefront.start(properties("mesh.services.payments.critical=true"))) {
			openPaymentsBreaker(app);
			JsonNode liveness = app.getJson("/actuator/health/liveness");
			assertThat(liveness.path("status").asText()).isEqualTo("UP");
			assertThat(liveness.toString()).doesNotContain("mesh");
		}
	}

	private static String readiness(RunningStorefront app) {
		return RunningStorefront.parse(app.get("/actuator/health/readiness")).path("status").asText();
	}

	private static void openPaymentsBreaker(RunningStorefront app) {
		PaymentsClient payments = app.bean(PaymentsClient.class);
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> payments.payment("1"));
		}
	}

}
