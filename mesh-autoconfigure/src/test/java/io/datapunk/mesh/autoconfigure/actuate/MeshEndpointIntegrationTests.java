package io.datapunk.mesh.autoconfigure.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.datapunk.mesh.CircuitOpenException;
import io.datapunk.mesh.autoconfigure.actuate.app.StorefrontApplication.InventoryClient;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code /actuator/mesh} and {@code /actuator/mesh/{service}} on a running web
 * application, asserted field by field against a mesh state the test makes: three
 * instances of {@code inventory}, the first answering 503 until it is ejected.
 */
class MeshEndpointIntegrationTests {

	private static final String ADMIN = "alice;MESH_ADMIN";

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three", "pay");

	private static List<String> properties(String... more) {
		List<String> properties = new ArrayList<>(List.of(
				"mesh.services.inventory.instances=" + servers.get(0).uri() + "," + servers.get(1).uri() + ","
						+ servers.get(2).uri(),
				"mesh.services.inventory.load-balancer=round-robin", "mesh.services.inventory.retry.base-backoff=1ms",
				"mesh.services.inventory.outlier-detection.consecutive-failures=2",
				"mesh.services.payments.instances=" + servers.get(3).uri(), "mesh.services.payments.critical=true",
				"mesh.config-version=v42", "mesh.zone=eu-1"));
		properties.addAll(List.of(more));
		return properties;
	}

	@Test
	void meshShouldDescribeTheApplicationAndEveryService() {
		try (RunningStorefront app = RunningStorefront.start(properties().toArray(String[]::new))) {
			ejectFirstInventoryInstance(app);
			JsonNode mesh = app.getJson("/actuator/mesh");
			assertThat(mesh.path("serviceName").asText()).isEqualTo("storefront");
			assertThat(mesh.path("configVersion").asText()).isEqualTo("v42");
			assertThat(mesh.path("zone").asText()).isEqualTo("eu-1");
			assertThat(mesh.path("discovery").path("sources").asText()).startsWith("mesh.services.*.instances");
			JsonNode inventory = mesh.path("services").path("inventory");
			assertThat(inventory.path("status").asText()).isEqualTo("UP");
			assertThat(inventory.path("instances").asInt()).isEqualTo(3);
			assertThat(inventory.path("available").asInt()).isEqualTo(2);
			assertThat(inventory.path("ejected").asInt()).isEqualTo(1);
			assertThat(inventory.path("circuitBreaker").asText()).isEqualTo("CLOSED");
			assertThat(inventory.path("loadBalancer").asText()).isEqualTo("round-robin");
			assertThat(inventory.path("critical").asBoolean()).isFalse();
			JsonNode payments = mesh.path("services").path("payments");
			assertThat(payments.path("instances").asInt()).isEqualTo(1);
			assertThat(payments.path("loadBalancer").asText()).isEqualTo("p2c-ewma");
			assertThat(payments.path("critical").asBoolean()).isTrue();
			assertThat(mesh.path("services").size()).isEqualTo(2);
		}
	}

	@Test
	void serviceShouldDescribeItsInstancesBreakerAndRetries() {
		try (RunningStorefront app = RunningStorefront.start(properties().toArray(String[]::new))) {
			int calls = ejectFirstInventoryInstance(app);
			JsonNode inventory = app.getJson("/actuator/mesh/inventory");
			assertThat(inventory.path("service").asText()).isEqualTo("inventory");
			assertThat(inventory.path("status").asText()).isEqualTo("UP");
			assertThat(inventory.path("loadBalancer").asText()).isEqualTo("round-robin");
			assertThat(inventory.path("panic").asBoolean()).isFalse();
			JsonNode instances = inventory.path("instances");
			assertThat(instances.size()).isEqualTo(3);
			JsonNode ejected = instances.get(0);
			assertThat(ejected.path("address").asText()).isEqualTo(servers.get(0).uri().toString());
			assertThat(ejected.path("state").asText()).isEqualTo("EJECTED");
			assertThat(Instant.parse(ejected.path("ejectedUntil").asText())).isAfter(Instant.now().plusSeconds(20))
				.isBefore(Instant.now().plusSeconds(31));
			assertThat(ejected.path("ejections").asInt()).isEqualTo(1);
			// Fields without a value are left out, as Actuator writes them.
			assertThat(ejected.has("zone")).isFalse();
			for (int i = 1; i < 3; i++) {
				JsonNode available = instances.get(i);
				assertThat(available.path("address").asText()).isEqualTo(servers.get(i).uri().toString());
				assertThat(available.path("state").asText()).isEqualTo("AVAILABLE");
				assertThat(available.has("ejectedUntil")).isFalse();
				assertThat(available.path("consecutiveFailures").asInt()).isZero();
				assertThat(available.path("latencyMillis").asDouble()).isPositive();
				assertThat(available.path("inFlight").asInt()).isZero();
			}
			JsonNode breaker = inventory.path("circuitBreaker");
			assertThat(breaker.path("state").asText()).isEqualTo("CLOSED");
			assertThat(breaker.path("bufferedCalls").asInt()).isEqualTo(calls);
			assertThat(breaker.path("failedCalls").asInt()).isZero();
			assertThat(breaker.path("failureRate").asDouble()).isEqualTo(-1.0);
			JsonNode retries = inventory.path("retries");
			// Each 503 of the first instance was retried on another one.
			assertThat(retries.path("retries").path("status-503").asInt()).isEqualTo(servers.get(0).hits());
			assertThat(retries.path("requeues").size()).isZero();
			assertThat(retries.path("budgetExhausted").asInt()).isZero();
			assertThat(retries.path("budgetAvailable").asInt()).isPositive();
			assertThat(retries.path("retryRatio").asDouble()).isEqualTo(0.2);
			assertThat(retries.path("minRetriesPerSecond").asInt()).isEqualTo(10);
			assertThat(retries.path("window").asText()).isEqualTo("PT10S");
		}
	}

	@Test
	void unknownOrInvalidServiceShouldBeNotFound() {
		try (RunningStorefront app = RunningStorefront.start(properties().toArray(String[]::new))) {
			assertThat(app.get("/actuator/mesh/catalog").statusCode()).isEqualTo(404);
			assertThat(app.get("/actuator/mesh/Bad_Name").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void writeOperationsShouldBeAbsentByDefault() {
		try (RunningStorefront app = RunningStorefront.start(properties().toArray(String[]::new))) {
			assertThat(app.post("/actuator/mesh/inventory", "{\"circuitBreaker\":\"FORCED_OPEN\"}").statusCode())
				.isEqualTo(405);
			assertThat(app.getJson("/actuator/mesh/inventory").path("circuitBreaker").path("state").asText())
				.isEqualTo("CLOSED");
		}
	}

	@Test
	void writeOperationShouldMoveTheBreakerWhenEnabled() {
		try (RunningStorefront app = RunningStorefront
			.start(properties("mesh.actuator.write-operations.enabled=true").toArray(String[]::new))) {
			var forced = app.post("/actuator/mesh/inventory", "{\"circuitBreaker\":\"FORCED_OPEN\"}", ADMIN);
			assertThat(forced.statusCode()).isEqualTo(200);
			assertThat(RunningStorefront.parse(forced).path("circuitBreaker").path("state").asText())
				.isEqualTo("FORCED_OPEN");
			assertThatExceptionOfType(CircuitOpenException.class)
				.isThrownBy(() -> app.bean(InventoryClient.class).item("1"));
			assertThat(app.post("/actuator/mesh/inventory", "{\"circuitBreaker\":\"closed\"}", ADMIN).statusCode())
				.isEqualTo(200);
			assertThat(app.bean(InventoryClient.class).item("1")).containsKey("server");
			assertThat(app.post("/actuator/mesh/inventory", "{\"circuitBreaker\":\"AJAR\"}", ADMIN).statusCode())
				.isEqualTo(400);
			assertThat(app.post("/actuator/mesh/catalog", "{\"circuitBreaker\":\"OPEN\"}", ADMIN).statusCode())
				.isEqualTo(404);
		}
	}

	@Test
	void writeOperationShouldRefuseAnonymousCallersAndCallersWithoutTheRole() {
		try (RunningStorefront app = RunningStorefront
			.start(properties("mesh.actuator.write-operations.enabled=true").toArray(String[]::new))) {
			String open = "{\"circuitBreaker\":\"FORCED_OPEN\"}";
			assertThat(app.post("/actuator/mesh/inventory", open).statusCode()).isEqualTo(401);
			assertThat(app.post("/actuator/mesh/inventory", open, "mallory;VIEWER").statusCode()).isEqualTo(403);
			assertThat(app.getJson("/actuator/mesh/inventory").path("circuitBreaker").path("state").asText())
				.isEqualTo("CLOSED");
		}
	}

	@Test
	void writeOperationRoleShouldBeConfigurable() {
		try (RunningStorefront app = RunningStorefront
			.start(properties("mesh.actuator.write-operations.enabled=true", "mesh.actuator.write-operations.role=OPS")
				.toArray(String[]::new))) {
			String open = "{\"circuitBreaker\":\"FORCED_OPEN\"}";
			assertThat(app.post("/actuator/mesh/inventory", open, ADMIN).statusCode()).isEqualTo(403);
			assertThat(app.post("/actuator/mesh/inventory", open, "olga;OPS").statusCode()).isEqualTo(200);
		}
	}

	/**
	 * Make the first instance answer 503 until it is ejected (two failures in a row),
	 * then serve again; return the calls made, all successful.
	 */
	private static int ejectFirstInventoryInstance(RunningStorefront app) {
		servers.get(0).respondWith(503);
		InventoryClient inventory = app.bean(InventoryClient.class);
		int calls = 0;
		while (servers.get(0).hits() < 2 && calls < 50) {
			assertThat(inventory.item("42")).doesNotContainEntry("server", "one");
			calls++;
		}
		assertThat(servers.get(0).hits()).isEqualTo(2);
		return calls;
	}

}
