package io.datapunk.mesh.autoconfigure.client;

import java.nio.file.Path;
import java.util.List;

import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.autoconfigure.resilience.app.OrdersClient;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestCertificates;
import io.datapunk.mesh.test.TestCertificates.Authority;
import io.datapunk.mesh.test.TestHttpsServer;
import io.datapunk.mesh.test.MovedInBoot4;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.http.client.SimpleClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import io.datapunk.mesh.internal.client.MeshClientFactory;

/**
 * TLS on an HTTP client other than the JDK's (Spring Boot's {@code simple} factory,
 * {@code HttpsURLConnection}): the bundle reaches it through Spring Boot's request
 * factory settings, and its attempts run on mesh worker threads.
 */
class TlsSimpleClientIntegrationTests {

	private static final Authority CA = TestCertificates.authority("mesh test CA");

	private static final Authority CLIENT_CA = TestCertificates.authority("mesh test client CA");

	private static TestHttpsServer one;

	private static TestHttpsServer wrongHost;

	private static TestHttpsServer mutual;

	@TempDir
	static Path files;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withPropertyValues(MovedInBoot4.httpClientFactory("simple"),
				"spring.ssl.bundle.pem.mesh-ca.truststore.certificate=" + files.resolve("ca.crt"),
				"spring.ssl.bundle.pem.storefront.truststore.certificate=" + files.resolve("ca.crt"),
				"spring.ssl.bundle.pem.storefront.keystore.certificate=" + files.resolve("storefront.crt"),
				"spring.ssl.bundle.pem.storefront.keystore.private-key=" + files.resolve("storefront.key"),
				"mesh.services.orders.retry.base-backoff=1ms", "mesh.services.orders.retry.max-backoff=4ms");

	@BeforeAll
	static void startServers() {
		one = TestHttpsServer.start("one", CA.server("one"));
		wrongHost = TestHttpsServer.start("wrong-host", CA.serverFor("wrong-host", "inventory.example"));
		mutual = TestHttpsServer.requiringClientCertificate("mutual", CA.server("mutual"), CLIENT_CA);
		CA.writeCertificate(files.resolve("ca.crt"));
		CLIENT_CA.client("storefront").writePem(files, "storefront");
	}

	@AfterAll
	static void stopServers() {
		List.of(one, wrongHost, mutual).forEach(TestHttpsServer::close);
	}

	@Test
	void runWithSimpleFactoryShouldUseIt() {
		this.contextRunner.run((context) -> assertThat(
				context.getBean(org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder.class))
			.isInstanceOf(SimpleClientHttpRequestFactoryBuilder.class));
	}

	@Test
	void privateCaShouldBeTrustedWithTheBundleOnly() {
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances=" + one.uri(),
					"mesh.services.orders.tls.bundle=mesh-ca", "mesh.services.billing.instances=" + one.uri())
			.run((context) -> {
				MeshClientFactory factory = context.getBean(MeshClientFactory.class);
				assertThat(factory.createClient(OrdersClient.class, "orders").order("1")).containsEntry("server",
						"one");
				OrdersClient billing = factory.createClient(OrdersClient.class, "billing");
				assertThatExceptionOfType(MeshException.class).isThrownBy(() -> billing.order("1"))
					.withMessageContaining("TLS failure")
					.withMessageContaining(one.uri().toString());
			});
	}

	@Test
	void mutualTlsShouldPresentTheClientCertificate() {
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances=" + mutual.uri(),
					"mesh.services.orders.tls.bundle=storefront", "mesh.services.billing.instances=" + mutual.uri(),
					"mesh.services.billing.tls.bundle=mesh-ca")
			.run((context) -> {
				MeshClientFactory factory = context.getBean(MeshClientFactory.class);
				assertThat(factory.createClient(OrdersClient.class, "orders").order("1")).containsEntry("client",
						"CN=storefront");
				OrdersClient billing = factory.createClient(OrdersClient.class, "billing");
				assertThatExceptionOfType(MeshException.class).isThrownBy(() -> billing.order("1"))
					.withMessageContaining("TLS failure")
					.withMessageContaining("client certificate");
			});
	}

	@Test
	void hostnameVerificationOffShouldHoldForThatServiceOnly() {
		this.contextRunner
			.withPropertyValues("mesh.defaults.tls.bundle=mesh-ca", "mesh.services.orders.instances=" + wrongHost.uri(),
					"mesh.services.orders.tls.verify-hostname=false",
					"mesh.services.billing.instances=" + wrongHost.uri())
			.run((context) -> {
				MeshClientFactory factory = context.getBean(MeshClientFactory.class);
				assertThat(factory.createClient(OrdersClient.class, "orders").order("1")).containsEntry("server",
						"wrong-host");
				OrdersClient billing = factory.createClient(OrdersClient.class, "billing");
				assertThatExceptionOfType(MeshException.class).isThrownBy(() -> billing.order("1"))
					.withMessageContaining("TLS failure");
			});
	}

}
