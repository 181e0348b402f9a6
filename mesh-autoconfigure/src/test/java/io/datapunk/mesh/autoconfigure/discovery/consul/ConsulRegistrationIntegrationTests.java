package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.TestCertificates;
import io.datapunk.mesh.test.consul.TestConsul;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.discovery.consul.ConsulTestApplications;
import io.datapunk.mesh.internal.discovery.consul.ConsulRegistrationState;
import io.datapunk.mesh.internal.discovery.consul.ConsulServiceWatches;

/**
 * Integration tests for self-registration in Consul: a real web application and a Consul
 * agent (the test server, or {@code MESH_TEST_CONSUL_URL}).
 */
class ConsulRegistrationIntegrationTests {

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	@Test
	void registrationAppearsWithItsCheckAndShutdownDeregisters() {
		String instanceId;
		try (ConfigurableApplicationContext app = ConsulTestApplications.web(consul, "mesh.zone=eu-west-1a",
				"mesh.config-version=v42", "spring.application.version=1.2.3")) {
			ConsulRegistrationState state = app.getBean(ConsulRegistrationState.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> state.current().status() == ConsulRegistrationState.Status.REGISTERED);
			List<JsonNode> instances = consul.client().instancesOf("storefront");
			assertThat(instances).hasSize(1);
			JsonNode instance = instances.get(0);
			instanceId = instance.path("ID").asText();
			assertThat(instanceId).isEqualTo(state.current().instanceId()).matches("storefront-[0-9a-f]{12}");
			int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			assertThat(instance.path("Port").asInt()).isEqualTo(port);
			assertThat(instance.path("Meta").path("zone").asText()).isEqualTo("eu-west-1a");
			assertThat(instance.path("Meta").path("config-version").asText()).isEqualTo("v42");
			assertThat(instance.path("Meta").path("version").asText()).isEqualTo("1.2.3");
			JsonNode check = consul.client().agentChecks().get("service:" + instanceId);
			assertThat(check).isNotNull();
			assertThat(check.path("ServiceID").asText()).isEqualTo(instanceId);
			// The agent runs the HTTP check on the Actuator health endpoint: it passes.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(
						consul.client().agentChecks().get("service:" + instanceId).path("Status").asText())
					.isEqualTo("passing"));
		}
		assertThat(consul.client().agentServices()).doesNotContainKey(instanceId);
	}

	@Test
	void applicationServingOverTlsShouldRegisterAsSecure(@TempDir Path directory) {
		TestCertificates.Issued server = TestCertificates.authority("registration-ca").server("storefront");
		server.writePem(directory, "server");
		try (ConfigurableApplicationContext app = ConsulTestApplications.web(consul, "server.ssl.bundle=server",
				"spring.ssl.bundle.pem.server.keystore.certificate=" + directory.resolve("server.crt").toUri(),
				"spring.ssl.bundle.pem.server.keystore.private-key=" + directory.resolve("server.key").toUri(),
				"spring.cloud.consul.discovery.scheme=https")) {
			ConsulRegistrationState state = app.getBean(ConsulRegistrationState.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> state.current().status() == ConsulRegistrationState.Status.REGISTERED);
			JsonNode instance = consul.client().instancesOf("storefront").get(0);
			// Callers see secure=true and call it over https (InstanceUris).
			assertThat(instance.path("Meta").path("secure").asText()).isEqualTo("true");
		}
	}

	@Test
	void applicationServingPlainHttpShouldNotRegisterAsSecure() {
		try (ConfigurableApplicationContext app = ConsulTestApplications.web(consul)) {
			ConsulRegistrationState state = app.getBean(ConsulRegistrationState.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> state.current().status() == ConsulRegistrationState.Status.REGISTERED);
			JsonNode instance = consul.client().instancesOf("storefront").get(0);
			// spring-cloud-consul writes secure=false itself.
			assertThat(instance.path("Meta").path("secure").asText("false")).isEqualTo("false");
		}
	}

	@Test
	void ttlHeartbeatKeepsTheCheckPassing() throws InterruptedException {
		try (ConfigurableApplicationContext app = ConsulTestApplications.web(consul,
				"spring.cloud.consul.discovery.heartbeat.enabled=true",
				"spring.cloud.consul.discovery.heartbeat.ttl=2s")) {
			ConsulRegistrationState state = app.getBean(ConsulRegistrationState.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> state.current().status() == ConsulRegistrationState.Status.REGISTERED);
			String checkId = "service:" + state.current().instanceId();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(consul.client().agentChecks().get(checkId).path("Status").asText())
					.isEqualTo("passing"));
			// Twice the TTL: without heartbeats the check would have turned critical.
			Thread.sleep(4000);
			assertThat(consul.client().agentChecks().get(checkId).path("Status").asText()).isEqualTo("passing");
		}
	}

	@Test
	void registerFalseRegistersNothing() throws InterruptedException {
		try (ConfigurableApplicationContext app = ConsulTestApplications.web(consul,
				"spring.cloud.consul.discovery.register=false")) {
			Thread.sleep(1000);
			assertThat(consul.client().instancesOf("storefront")).isEmpty();
			assertThat(app.getBean(ConsulRegistrationState.class).current().status())
				.isEqualTo(ConsulRegistrationState.Status.NOT_REGISTERED);
		}
	}

	@Test
	void agentRestartedWithoutItsDataGetsTheRegistrationBackAndWatchesFollow() {
		consul.client().registerPassing("inventory", "inventory-1", 9001, Map.of());
		try (ConfigurableApplicationContext app = ConsulTestApplications.web(consul,
				"mesh.services.inventory.read-timeout=2s")) {
			ConsulRegistrationState state = app.getBean(ConsulRegistrationState.class);
			MeshDiscovery discovery = app.getBean(MeshDiscovery.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> state.current().status() == ConsulRegistrationState.Status.REGISTERED
						&& discovery.getInstances("inventory").size() == 1);
			String instanceId = state.current().instanceId();
			// As a dev-mode agent restart: connections drop, registrations and the index
			// are
			// gone (the index starts again below the watch's).
			consul.server().restartWithoutData();
			consul.client().registerPassing("inventory", "inventory-2", 9002, Map.of());
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(consul.client().agentServices()).containsKey(instanceId));
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(
						() -> assertThat(discovery.getInstances("inventory")).extracting(ServiceInstance::getInstanceId)
							.containsExactly("inventory-2"));
			assertThat(app.getBean(ConsulServiceWatches.class).status("inventory").isFresh()).isTrue();
		}
	}

	@Test
	void registrationLostByTheAgentIsMadeAgain() {
		try (ConfigurableApplicationContext app = ConsulTestApplications.web(consul)) {
			ConsulRegistrationState state = app.getBean(ConsulRegistrationState.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> state.current().status() == ConsulRegistrationState.Status.REGISTERED);
			String instanceId = state.current().instanceId();
			consul.loseAllRegistrations();
			long lost = System.nanoTime();
			assertThat(consul.client().agentServices()).isEmpty();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(consul.client().agentServices()).containsKey(instanceId));
			System.out.println("Registration made again " + Duration.ofNanos(System.nanoTime() - lost).toMillis()
					+ " ms after the agent lost it");
			assertThat(state.current().status()).isEqualTo(ConsulRegistrationState.Status.REGISTERED);
		}
	}

}
