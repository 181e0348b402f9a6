package io.datapunk.mesh.autoconfigure.client;

import java.nio.file.Path;
import java.time.Duration;

import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.autoconfigure.resilience.app.OrdersClient;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestCertificates;
import io.datapunk.mesh.test.TestCertificates.Authority;
import io.datapunk.mesh.test.TestHttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import io.datapunk.mesh.internal.client.MeshClientFactory;

/**
 * A bundle reloaded by Spring Boot ({@code reload-on-update}) is used for new connections
 * without a restart: trust and the client certificate are replaced on disk while the
 * application runs.
 */
class TlsBundleReloadIntegrationTests {

	@TempDir
	Path files;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withPropertyValues("spring.ssl.bundle.watch.file.quiet-period=100ms",
				"mesh.services.orders.retry.max-attempts=1", "mesh.services.orders.tls.bundle=rotating",
				"mesh.services.orders.outlier-detection.enabled=false",
				"mesh.services.orders.circuit-breaker.enabled=false");

	@Test
	void replacingTheTrustedAuthorityShouldBePickedUpWithoutARestart() throws Exception {
		Authority oldCa = TestCertificates.authority("old CA");
		Authority newCa = TestCertificates.authority("new CA");
		Path trust = oldCa.writeCertificate(this.files.resolve("ca.crt"));
		try (TestHttpsServer server = TestHttpsServer.start("renewed", newCa.server("renewed"))) {
			this.contextRunner
				.withPropertyValues("spring.ssl.bundle.pem.rotating.reload-on-update=true",
						"spring.ssl.bundle.pem.rotating.truststore.certificate=" + trust,
						"mesh.services.orders.instances=" + server.uri())
				.run((context) -> {
					OrdersClient orders = context.getBean(MeshClientFactory.class)
						.createClient(OrdersClient.class, "orders");
					assertThatExceptionOfType(MeshException.class).isThrownBy(() -> orders.order("1"))
						.withMessageContaining("TLS failure")
						.withMessageContaining("PKIX path building failed");
					newCa.writeCertificate(trust);
					Duration took = awaitSuccess(orders, "renewed");
					System.out.println("Trust reload picked up after " + took.toMillis() + " ms");
				});
		}
	}

	@Test
	void replacingTheClientCertificateShouldBePickedUpWithoutARestart() throws Exception {
		Authority ca = TestCertificates.authority("server CA");
		Authority clients = TestCertificates.authority("client CA");
		Authority stranger = TestCertificates.authority("stranger CA");
		Path trust = ca.writeCertificate(this.files.resolve("ca.crt"));
		stranger.client("storefront-old").writePem(this.files, "client");
		try (TestHttpsServer server = TestHttpsServer.requiringClientCertificate("mutual", ca.server("mutual"),
				clients)) {
			this.contextRunner
				.withPropertyValues("spring.ssl.bundle.pem.rotating.reload-on-update=true",
						"spring.ssl.bundle.pem.rotating.truststore.certificate=" + trust,
						"spring.ssl.bundle.pem.rotating.keystore.certificate=" + this.files.resolve("client.crt"),
						"spring.ssl.bundle.pem.rotating.keystore.private-key=" + this.files.resolve("client.key"),
						"mesh.services.orders.instances=" + server.uri())
				.run((context) -> {
					OrdersClient orders = context.getBean(MeshClientFactory.class)
						.createClient(OrdersClient.class, "orders");
					assertThatExceptionOfType(MeshException.class).isThrownBy(() -> orders.order("1"))
						.withMessageContaining("TLS failure")
						.withMessageContaining("client certificate");
					clients.client("storefront-new").writePem(this.files, "client");
					awaitSuccess(orders, "mutual");
					assertThat(orders.order("2")).containsEntry("client", "CN=storefront-new");
				});
		}
	}

	/**
	 * Call until a call succeeds, as a deployment would see it: the reload happens after
	 * the file watcher's quiet period, on its own thread.
	 */
	private static Duration awaitSuccess(OrdersClient orders, String server) throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + Duration.ofSeconds(30).toNanos();
		while (true) {
			try {
				assertThat(orders.order("1")).containsEntry("server", server);
				return Duration.ofNanos(System.nanoTime() - start);
			}
			catch (MeshException ex) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("The reloaded bundle was not used within 30 s", ex);
				}
				Thread.sleep(50);
			}
		}
	}

}
