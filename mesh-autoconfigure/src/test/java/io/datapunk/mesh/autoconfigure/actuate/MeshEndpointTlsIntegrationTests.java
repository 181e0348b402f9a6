package io.datapunk.mesh.autoconfigure.actuate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.autoconfigure.actuate.app.StorefrontApplication.InventoryClient;
import io.datapunk.mesh.autoconfigure.actuate.app.StorefrontApplication.PaymentsClient;
import io.datapunk.mesh.test.TestCertificates;
import io.datapunk.mesh.test.TestCertificates.Authority;
import io.datapunk.mesh.test.TestCertificates.Issued;
import io.datapunk.mesh.test.TestHttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The mesh endpoint shows each service's TLS choices (a service that turned host name
 * verification off is visible) and, like the logs of a running application, never a
 * key-store password or key text.
 */
@ExtendWith(OutputCaptureExtension.class)
class MeshEndpointTlsIntegrationTests {

	private static final String KEY_STORE_PASSWORD = "endpoint-kS-9d2c41";

	@TempDir
	Path files;

	@Test
	void endpointShouldShowTlsChoicesAndNoSecret(CapturedOutput output) throws Exception {
		Authority ca = TestCertificates.authority("mesh CA");
		Authority clients = TestCertificates.authority("client CA");
		Issued client = clients.client("storefront");
		Path keyStore = client.writePkcs12(this.files.resolve("client.p12"), KEY_STORE_PASSWORD);
		client.writePem(this.files, "client");
		Path trust = ca.writeCertificate(this.files.resolve("ca.crt"));
		List<String> printed = new ArrayList<>();
		try (TestHttpsServer inventory = TestHttpsServer.requiringClientCertificate("inventory",
				ca.serverFor("inventory", "inventory.internal"), clients);
				TestHttpsServer payments = TestHttpsServer.start("payments", ca.serverFor("payments", "elsewhere"));
				RunningStorefront app = RunningStorefront.start(
						"spring.ssl.bundle.jks.storefront.keystore.location=file:" + keyStore,
						"spring.ssl.bundle.jks.storefront.keystore.type=PKCS12",
						"spring.ssl.bundle.jks.storefront.keystore.password=" + KEY_STORE_PASSWORD,
						"spring.ssl.bundle.pem.mesh-ca.truststore.certificate=" + trust,
						"spring.ssl.bundle.pem.client-pem.keystore.certificate=" + this.files.resolve("client.crt"),
						"spring.ssl.bundle.pem.client-pem.keystore.private-key=" + this.files.resolve("client.key"),
						"spring.ssl.bundle.pem.client-pem.truststore.certificate=" + trust,
						"mesh.services.inventory.instances=" + inventory.uri(),
						"mesh.services.inventory.tls.bundle=client-pem",
						"mesh.services.inventory.tls.verify-hostname=false",
						"mesh.services.payments.instances=" + payments.uri(),
						"mesh.services.payments.tls.bundle=mesh-ca", "mesh.services.payments.tls.enabled=true")) {
			assertThat(app.bean(InventoryClient.class).item("1")).containsEntry("client", "CN=storefront");
			assertThatExceptionOfType(MeshException.class).isThrownBy(() -> app.bean(PaymentsClient.class).payment("1"))
				.withMessageContaining("TLS failure");
			JsonNode inventoryTls = app.getJson("/actuator/mesh/inventory").path("tls");
			assertThat(inventoryTls.path("enabled").asBoolean()).isFalse();
			assertThat(inventoryTls.path("bundle").asText()).isEqualTo("client-pem");
			assertThat(inventoryTls.path("verifyHostname").asBoolean()).isFalse();
			JsonNode paymentsTls = app.getJson("/actuator/mesh/payments").path("tls");
			assertThat(paymentsTls.path("enabled").asBoolean()).isTrue();
			assertThat(paymentsTls.path("bundle").asText()).isEqualTo("mesh-ca");
			assertThat(paymentsTls.path("verifyHostname").asBoolean()).isTrue();
			for (String path : List.of("/actuator/mesh", "/actuator/mesh/inventory", "/actuator/mesh/payments",
					"/actuator/health", "/actuator/configprops", "/actuator/env")) {
				printed.add(app.get(path).body());
			}
		}
		List<String> secrets = new ArrayList<>(List.of(KEY_STORE_PASSWORD, "PRIVATE KEY"));
		Files.readString(this.files.resolve("client.key"))
			.lines()
			.filter((line) -> !line.startsWith("-----"))
			.forEach(secrets::add);
		printed.add(output.getAll());
		assertThat(String.join("\n", printed)).contains("client-pem").doesNotContain(secrets);
	}

}
