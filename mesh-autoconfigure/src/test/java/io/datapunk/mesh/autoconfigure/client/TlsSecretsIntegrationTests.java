package io.datapunk.mesh.autoconfigure.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.autoconfigure.resilience.app.OrdersClient;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestCertificates;
import io.datapunk.mesh.test.TestCertificates.Authority;
import io.datapunk.mesh.test.TestCertificates.Issued;
import io.datapunk.mesh.test.TestHttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory;

/**
 * Key-store passwords and private keys never leave the SSL bundles: not in exceptions,
 * settings, logs or anything else printed while calls succeed and fail over mutual TLS.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsSecretsIntegrationTests {

	private static final String KEY_STORE_PASSWORD = "kS-pa55word-7f3a9c";

	private static final String TRUST_STORE_PASSWORD = "tS-pa55word-21b6e0";

	@TempDir
	Path files;

	@Test
	void secretsShouldAppearInNoExceptionSettingOrLogLine(CapturedOutput output) throws Exception {
		Authority ca = TestCertificates.authority("server CA");
		Authority clients = TestCertificates.authority("client CA");
		Issued client = clients.client("storefront");
		Path keyStore = client.writePkcs12(this.files.resolve("client.p12"), KEY_STORE_PASSWORD);
		Path trustStore = ca.writeTrustStore(this.files.resolve("trust.p12"), TRUST_STORE_PASSWORD);
		client.writePem(this.files, "client");
		Issued other = TestCertificates.authority("other CA").server("other");
		List<String> printed = new ArrayList<>();
		try (TestHttpsServer mutual = TestHttpsServer.requiringClientCertificate("mutual", ca.server("mutual"),
				clients);
				TestHttpsServer untrusted = TestHttpsServer.start("untrusted", other);
				TestHttpsServer refusing = TestHttpsServer.requiringClientCertificate("refusing", ca.server("refusing"),
						TestCertificates.authority("third CA"))) {
			new ApplicationContextRunner().withConfiguration(MeshTestAutoConfigurations.meshClient())
				.withPropertyValues("spring.ssl.bundle.jks.client.keystore.location=file:" + keyStore,
						"spring.ssl.bundle.jks.client.keystore.type=PKCS12",
						"spring.ssl.bundle.jks.client.keystore.password=" + KEY_STORE_PASSWORD,
						"spring.ssl.bundle.jks.client.key.password=" + KEY_STORE_PASSWORD,
						"spring.ssl.bundle.jks.client.truststore.location=file:" + trustStore,
						"spring.ssl.bundle.jks.client.truststore.type=PKCS12",
						"spring.ssl.bundle.jks.client.truststore.password=" + TRUST_STORE_PASSWORD,
						"spring.ssl.bundle.pem.client-pem.keystore.certificate=" + this.files.resolve("client.crt"),
						"spring.ssl.bundle.pem.client-pem.keystore.private-key=" + this.files.resolve("client.key"),
						"spring.ssl.bundle.pem.client-pem.truststore.certificate="
								+ ca.writeCertificate(this.files.resolve("ca.crt")),
						"mesh.defaults.tls.bundle=client", "mesh.services.orders.instances=" + mutual.uri(),
						"mesh.services.billing.instances=" + untrusted.uri() + "," + refusing.uri(),
						"mesh.services.billing.retry.base-backoff=1ms", "mesh.services.billing.retry.max-backoff=2ms",
						"mesh.services.shipping.instances=" + refusing.uri(),
						"mesh.services.shipping.tls.bundle=client-pem")
				.run((context) -> {
					MeshClientFactory factory = context.getBean(MeshClientFactory.class);
					assertThat(factory.createClient(OrdersClient.class, "orders").order("1")).containsEntry("client",
							"CN=storefront");
					for (String service : List.of("billing", "shipping")) {
						OrdersClient failing = factory.createClient(OrdersClient.class, service);
						MeshException failure = catchMeshException(() -> failing.order("1"));
						assertThat(failure).hasMessageContaining("TLS failure");
						for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
							printed.add(cause.toString());
						}
						failure.getAttempts().forEach((attempt) -> printed.add(attempt.toString()));
					}
					MeshSettings settings = context.getBean(MeshSettings.class);
					for (String service : List.of("orders", "billing", "shipping")) {
						printed.add(settings.service(service).toString());
						printed.add(context.getBean(ResilienceRegistry.class).forService(service).toString());
					}
					printed.add(context.getBean(MeshClientHttpRequestFactory.class).toString());
				});
		}
		String keyText = Files.readString(this.files.resolve("client.key"));
		List<String> secrets = new ArrayList<>(List.of(KEY_STORE_PASSWORD, TRUST_STORE_PASSWORD));
		// Every line of the key's Base64 text, and the PEM header.
		keyText.lines().filter((line) -> !line.startsWith("-----")).forEach(secrets::add);
		secrets.add("PRIVATE KEY");
		printed.add(output.getAll());
		assertThat(String.join("\n", printed)).contains("TLS failure", "SSL bundle 'client-pem'")
			.doesNotContain(secrets);
	}

	private static MeshException catchMeshException(Runnable call) {
		try {
			call.run();
		}
		catch (MeshException ex) {
			return ex;
		}
		throw new AssertionError("The call did not fail");
	}

}
