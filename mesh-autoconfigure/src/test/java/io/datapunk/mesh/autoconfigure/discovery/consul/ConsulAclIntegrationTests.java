package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.time.Duration;
import java.util.Map;

import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.consul.TestConsul;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.internal.discovery.consul.ConsulServiceWatches;
import io.datapunk.mesh.internal.discovery.consul.ConsulRegistrationState;

/**
 * Integration tests for a Consul agent whose API needs an ACL token: the token works, its
 * absence is reported as Consul's 403, and the token is never written out.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConsulAclIntegrationTests {

	private static final String WRONG_TOKEN = "5b1e0c2a-wrong-token-never-logged";

	@RegisterExtension
	static final TestConsul consul = TestConsul.withAcl();

	@Test
	void withTheTokenRegistersAndDiscoversAndNeverWritesTheToken(CapturedOutput output) {
		consul.client().registerPassing("inventory", "inventory-1", 9001, Map.of());
		try (ConfigurableApplicationContext app = ConsulTestApplications.web(consul,
				"spring.cloud.consul.discovery.acl-token=" + consul.token(), "mesh.services.inventory.read-timeout=2s",
				"logging.level.io.datapunk.mesh=debug", "logging.level.org.springframework.cloud.consul=debug")) {
			ConsulRegistrationState state = app.getBean(ConsulRegistrationState.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> state.current().status() == ConsulRegistrationState.Status.REGISTERED);
			assertThat(consul.client().instancesOf("storefront")).hasSize(1);
			MeshDiscovery discovery = app.getBean(MeshDiscovery.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> discovery.getInstances("inventory").size() == 1);
			ConsulServiceWatches watches = app.getBean(ConsulServiceWatches.class);
			assertThat(watches.status("inventory").isFresh()).isTrue();
			assertThat(app.getBean(ResilientConsulServiceRegistry.class).toString()).doesNotContain(consul.token());
			assertThat(watches.statuses().toString()).doesNotContain(consul.token());
			assertThat(state.current().toString()).doesNotContain(consul.token());
		}
		assertThat(output.getAll()).contains("Registered 'storefront-").doesNotContain(consul.token());
		// The mesh sends it in the X-Consul-Token header, never in a URL (which proxies
		// and
		// access logs keep). spring-cloud-consul's own catalog watch (consul-api) puts it
		// in
		// the URL: its requests are not the mesh's.
		assertThat(consul.server().requestLines())
			.filteredOn((line) -> line.contains("/v1/health/service/") || line.contains("/v1/agent/service/")
					|| line.contains("/v1/agent/check/"))
			.isNotEmpty()
			.noneMatch((line) -> line.contains(consul.token()));
	}

	@Test
	void withoutTheTokenReportsConsulsRefusal(CapturedOutput output) {
		try (ConfigurableApplicationContext app = ConsulTestApplications.web(consul,
				"mesh.services.inventory.read-timeout=2s")) {
			assertThat(app.isRunning()).isTrue();
			ConsulRegistrationState state = app.getBean(ConsulRegistrationState.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> state.current().lastError() != null);
			assertThat(state.current().status()).isEqualTo(ConsulRegistrationState.Status.PENDING);
			assertThat(state.current().lastError()).contains("Consul at").contains("answered 403");
			ConsulServiceWatches watches = app.getBean(ConsulServiceWatches.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> watches.status("inventory").getLastError() != null);
			assertThat(watches.status("inventory").getLastError()).contains("answered 403");
		}
		assertThat(output.getAll()).contains("answered 403").doesNotContain(consul.token());
	}

	@Test
	void withAWrongTokenReportsAclNotFoundWithoutTheToken(CapturedOutput output) {
		try (ConfigurableApplicationContext app = ConsulTestApplications.web(consul,
				"spring.cloud.consul.discovery.acl-token=" + WRONG_TOKEN, "mesh.services.inventory.read-timeout=2s",
				"logging.level.io.datapunk.mesh=debug")) {
			ConsulRegistrationState state = app.getBean(ConsulRegistrationState.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> state.current().lastError() != null);
			assertThat(state.current().lastError()).contains("answered 403").contains("ACL not found");
		}
		assertThat(output.getAll()).contains("ACL not found").doesNotContain(WRONG_TOKEN);
	}

}
