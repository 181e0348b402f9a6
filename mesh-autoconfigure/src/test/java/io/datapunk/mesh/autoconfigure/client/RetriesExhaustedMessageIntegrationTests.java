package io.datapunk.mesh.autoconfigure.client;

import io.datapunk.mesh.MeshAttempt;
import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.autoconfigure.client.scan.app.InventoryClient;
import io.datapunk.mesh.autoconfigure.client.scan.app.ScanAppConfiguration;
import io.datapunk.mesh.test.FreePorts;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a caller reads when a call runs out of attempts, against a real HTTP server and a
 * closed port on 127.0.0.1: attempts counted as {@code retry.max-attempts} counts them,
 * requeues said apart.
 */
class RetriesExhaustedMessageIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withUserConfiguration(ScanAppConfiguration.class);

	@Test
	void requeueAfterARefusedConnectionShouldBeNamedApartFromTheAttempts() {
		TestHttpServer server = servers.get(0);
		server.respondWith(503);
		int closedPort = FreePorts.closedPort();
		// Round robin over the closed port and the server: a call that starts at the
		// closed port is requeued to the server.
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.instances=http://127.0.0.1:" + closedPort + "," + server.uri(),
					"mesh.services.inventory.load-balancer=round-robin", "mesh.services.inventory.retry.max-attempts=2",
					"mesh.services.inventory.retry.base-backoff=1ms",
					"mesh.services.inventory.outlier-detection.enabled=false")
			.run((context) -> {
				InventoryClient inventory = context.getBean(InventoryClient.class);
				RetriesExhaustedException requeued = null;
				for (int call = 0; call < 4 && requeued == null; call++) {
					RetriesExhaustedException ex = catchThrowableOfType(RetriesExhaustedException.class,
							() -> inventory.item("1"));
					assertThat(ex).as("call %s", call).isNotNull();
					if (ex.getAttempts().size() == 3) {
						requeued = ex;
					}
					else {
						// The call began at the server and took two picks, so every
						// such call would: one answered call (one pick) moves round
						// robin on to the closed port.
						server.respondWith(200);
						inventory.item("1");
						server.respondWith(503);
					}
				}
				assertThat(requeued).as("a call that began at the closed port").isNotNull();
				assertThat(requeued.getAttempts()).hasSize(3);
				MeshAttempt first = requeued.getAttempts().get(0);
				// A refused connection, by whatever name the client gives it
				// (HttpClient 5's HttpHostConnectException is a ConnectException).
				assertThat(first.outcome()).containsPattern("^\\w*ConnectException");
				assertThat(first.requeued()).isTrue();
				assertThat(requeued.getAttempts().subList(1, 3)).noneMatch(MeshAttempt::requeued);
				assertThat(requeued).hasMessageContaining(
						"failed after 2 attempts and 1 requeue after a failed connection: no retry left (retry.max-attempts is 2)")
					.hasMessageContaining("ms, requeued)");
				assertThat(requeued.getMessage())
					.containsPattern("#1 http://127\\.0\\.0\\.1:" + closedPort + " -> \\w*ConnectException");
			});
	}

}
