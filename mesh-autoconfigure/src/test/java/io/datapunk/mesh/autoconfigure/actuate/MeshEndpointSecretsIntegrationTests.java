package io.datapunk.mesh.autoconfigure.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.datapunk.mesh.autoconfigure.actuate.app.StorefrontApplication.InventoryClient;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.consul.TestConsul;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mesh's endpoint with Consul (behind an ACL token) and Redis (behind a password): it
 * shows the registration, the watches and the cache tiers, and neither secret appears in
 * any endpoint or log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class MeshEndpointSecretsIntegrationTests {

	private static final String REDIS_PASSWORD = "redis-secret-7c41e09b";

	@RegisterExtension
	static final TestConsul consul = TestConsul.withAcl();

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.withPassword(REDIS_PASSWORD);

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one");

	@Test
	void endpointsShouldShowConsulAndRedisButNoSecret(CapturedOutput output) {
		consul.client().registerPassing("inventory", "inventory-1", servers.get(0).port(), Map.of("zone", "a"));
		List<String> properties = new ArrayList<>(List.of(consul.properties()));
		properties.add("spring.cloud.consul.discovery.acl-token=" + consul.token());
		properties.addAll(List.of(redis.springProperties()));
		try (RunningStorefront app = RunningStorefront.startWithExternalServices(properties.toArray(String[]::new))) {
			InventoryClient inventory = app.bean(InventoryClient.class);
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
				assertThat(inventory.item("1")).containsEntry("server", "one");
				JsonNode status = app.getJson("/actuator/mesh").path("discovery").path("status");
				assertThat(status.path("consul").path("registration").path("state").asText()).isEqualTo("REGISTERED");
				assertThat(status.path("cache").path("redisState").asText()).isEqualTo("available");
			});
			JsonNode status = app.getJson("/actuator/mesh").path("discovery").path("status");
			JsonNode watch = status.path("consul").path("watches").path("inventory");
			assertThat(watch.path("fresh").asBoolean()).isTrue();
			assertThat(watch.path("instances").asInt()).isEqualTo(1);
			assertThat(status.path("cache").path("near").path("hits").asLong()
					+ status.path("cache").path("near").path("misses").asLong())
				.isPositive();
			assertThat(app.getJson("/actuator/mesh/inventory").path("instances").get(0).path("zone").asText())
				.isEqualTo("a");
			String prometheus = app.get("/actuator/prometheus").body();
			assertThat(prometheus).contains("mesh_registration_state{state=\"registered\"} 1.0")
				.contains("mesh_registration_state{state=\"pending\"} 0.0")
				.containsPattern("mesh_cache_gets_total\\{result=\"(hit|miss)\",tier=\"near\"\\} [1-9]");
			for (String path : List.of("/actuator/mesh", "/actuator/mesh/inventory", "/actuator/health",
					"/actuator/env", "/actuator/configprops", "/actuator/prometheus", "/actuator/metrics")) {
				String body = app.get(path).body();
				assertThat(body).as(path).isNotEmpty().doesNotContain(consul.token()).doesNotContain(REDIS_PASSWORD);
			}
		}
		assertThat(output.getAll()).doesNotContain(consul.token()).doesNotContain(REDIS_PASSWORD);
	}

}
