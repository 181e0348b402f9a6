package io.datapunk.mesh.autoconfigure.client;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.internal.cache.CountingDiscoveryClient;
import io.datapunk.mesh.internal.resilience.InstanceOutlierState;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.autoconfigure.resilience.app.OrdersClient;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestCertificates;
import io.datapunk.mesh.test.TestCertificates.Authority;
import io.datapunk.mesh.test.TestCertificates.Issued;
import io.datapunk.mesh.test.TestHttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import io.datapunk.mesh.internal.client.MeshClientFactory;

/**
 * Calls over HTTPS to real TLS servers on 127.0.0.1 whose certificates a private
 * authority, made by the test, signed: trust through an SSL bundle, mutual TLS, and
 * instances whose certificates are not for them skipped.
 */
class TlsIntegrationTests {

	private static final Authority CA = TestCertificates.authority("mesh test CA");

	private static final Authority CLIENT_CA = TestCertificates.authority("mesh test client CA");

	private static TestHttpsServer one;

	private static TestHttpsServer two;

	private static TestHttpsServer wrongHost;

	private static TestHttpsServer expired;

	private static TestHttpsServer mutual;

	@TempDir
	static Path files;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withPropertyValues("mesh.services.orders.retry.base-backoff=1ms",
				"mesh.services.orders.retry.max-backoff=4ms");

	@BeforeAll
	static void startServers() {
		one = TestHttpsServer.start("one", CA.server("one"));
		two = TestHttpsServer.start("two", CA.server("two"));
		wrongHost = TestHttpsServer.start("wrong-host", CA.serverFor("wrong-host", "inventory.example"));
		expired = TestHttpsServer.start("expired", CA.expiredServer("expired"));
		mutual = TestHttpsServer.requiringClientCertificate("mutual", CA.server("mutual"), CLIENT_CA);
		CA.writeCertificate(files.resolve("ca.crt"));
		CLIENT_CA.client("storefront").writePem(files, "storefront");
		TestCertificates.authority("a stranger").client("stranger").writePem(files, "stranger");
	}

	@AfterAll
	static void stopServers() {
		List.of(one, two, wrongHost, expired, mutual).forEach(TestHttpsServer::close);
	}

	private static String[] trustBundle(String name) {
		return new String[] { "spring.ssl.bundle.pem." + name + ".truststore.certificate=" + files.resolve("ca.crt") };
	}

	private static String[] clientBundle(String name, String prefix) {
		return new String[] { "spring.ssl.bundle.pem." + name + ".truststore.certificate=" + files.resolve("ca.crt"),
				"spring.ssl.bundle.pem." + name + ".keystore.certificate=" + files.resolve(prefix + ".crt"),
				"spring.ssl.bundle.pem." + name + ".keystore.private-key=" + files.resolve(prefix + ".key") };
	}

	private static String instances(TestHttpsServer... servers) {
		return "mesh.services.orders.instances="
				+ String.join(",", List.of(servers).stream().map((server) -> server.uri().toString()).toList());
	}

	@Test
	void callToPrivateCaInstancesShouldSucceedWithTheBundle() {
		this.contextRunner.withPropertyValues(trustBundle("mesh-ca"))
			.withPropertyValues(instances(one, two), "mesh.services.orders.tls.bundle=mesh-ca")
			.run((context) -> {
				OrdersClient orders = context.getBean(MeshClientFactory.class)
					.createClient(OrdersClient.class, "orders");
				for (int i = 0; i < 20; i++) {
					assertThat(orders.order(Integer.toString(i))).containsKey("server");
				}
				assertThat(one.hits() + two.hits()).isGreaterThanOrEqualTo(20);
			});
	}

	@Test
	void callToPrivateCaInstancesShouldFailClearlyWithoutTheBundle() {
		this.contextRunner.withPropertyValues(instances(one, two)).run((context) -> {
			OrdersClient orders = context.getBean(MeshClientFactory.class).createClient(OrdersClient.class, "orders");
			assertThatExceptionOfType(MeshException.class).isThrownBy(() -> orders.order("1"))
				.withMessageContaining("Call to service 'orders'")
				.withMessageContaining("TLS failure")
				.withMessageContaining(one.uri().toString())
				.withMessageContaining(two.uri().toString());
		});
	}

	@Test
	void mutualTlsShouldPresentTheClientCertificateOfTheBundle() {
		this.contextRunner.withPropertyValues(clientBundle("storefront", "storefront"))
			.withPropertyValues(instances(mutual), "mesh.services.orders.tls.bundle=storefront")
			.run((context) -> {
				OrdersClient orders = context.getBean(MeshClientFactory.class)
					.createClient(OrdersClient.class, "orders");
				Map<String, Object> answer = orders.order("1");
				assertThat(answer).containsEntry("server", "mutual").containsEntry("client", "CN=storefront");
			});
	}

	@Test
	void mutualTlsWithoutAClientCertificateShouldFailClearly() {
		this.contextRunner.withPropertyValues(trustBundle("mesh-ca"))
			.withPropertyValues(instances(mutual), "mesh.services.orders.tls.bundle=mesh-ca")
			.run((context) -> {
				OrdersClient orders = context.getBean(MeshClientFactory.class)
					.createClient(OrdersClient.class, "orders");
				int before = mutual.hits();
				assertThatExceptionOfType(MeshException.class).isThrownBy(() -> orders.order("1"))
					.withMessageContaining("TLS failure")
					.withMessageContaining(mutual.uri().toString());
				assertThat(mutual.hits()).isEqualTo(before);
			});
	}

	@Test
	void mutualTlsWithAnUntrustedClientCertificateShouldFailClearly() {
		this.contextRunner.withPropertyValues(clientBundle("stranger", "stranger"))
			.withPropertyValues(instances(mutual), "mesh.services.orders.tls.bundle=stranger")
			.run((context) -> {
				OrdersClient orders = context.getBean(MeshClientFactory.class)
					.createClient(OrdersClient.class, "orders");
				assertThatExceptionOfType(MeshException.class).isThrownBy(() -> orders.order("1"))
					.withMessageContaining("TLS failure")
					.withMessageContaining(mutual.uri().toString());
			});
	}

	@Test
	void instancesWithWrongHostOrExpiredCertificatesShouldBeSkippedAndCounted() {
		this.contextRunner.withPropertyValues(trustBundle("mesh-ca"))
			.withPropertyValues(instances(one, wrongHost, expired), "mesh.services.orders.tls.bundle=mesh-ca",
					// In turn, so that each bad instance gets its share of first
					// attempts.
					"mesh.services.orders.load-balancer=round-robin")
			.run((context) -> {
				OrdersClient orders = context.getBean(MeshClientFactory.class)
					.createClient(OrdersClient.class, "orders");
				int before = one.hits();
				for (int i = 0; i < 30; i++) {
					assertThat(orders.order(Integer.toString(i))).containsEntry("server", "one");
				}
				assertThat(one.hits() - before).isEqualTo(30);
				assertThat(wrongHost.hits()).isZero();
				assertThat(expired.hits()).isZero();
				OutlierDetector outliers = context.getBean(ResilienceRegistry.class)
					.forService("orders")
					.outlierDetector();
				// Both failed every attempt they got; at most one of three is ejected at
				// once.
				for (TestHttpsServer bad : List.of(wrongHost, expired)) {
					InstanceOutlierState state = stateOf(outliers, bad);
					assertThat(state.ejected() || state.consecutiveFailures() >= 5).as(bad.name()).isTrue();
				}
				assertThat(stateOf(outliers, wrongHost).ejectionCount() + stateOf(outliers, expired).ejectionCount())
					.isPositive();
				// The good instance never failed, so it is not even tracked.
				assertThat(outliers.snapshot()).extracting(InstanceOutlierState::instance).doesNotContain(one.uri());
			});
	}

	@Test
	void hostnameVerificationOffShouldTrustAWrongHostCertificateForThatServiceOnly() {
		this.contextRunner.withPropertyValues(trustBundle("mesh-ca"))
			.withPropertyValues("mesh.defaults.tls.bundle=mesh-ca", instances(wrongHost),
					"mesh.services.orders.tls.verify-hostname=false",
					"mesh.services.billing.instances=" + wrongHost.uri(),
					"spring.ssl.bundle.pem.strangers.truststore.certificate=" + files.resolve("stranger.crt"),
					"mesh.services.stranger.instances=" + one.uri(), "mesh.services.stranger.tls.bundle=strangers",
					"mesh.services.stranger.tls.verify-hostname=false")
			.run((context) -> {
				MeshClientFactory factory = context.getBean(MeshClientFactory.class);
				OrdersClient orders = factory.createClient(OrdersClient.class, "orders");
				OrdersClient billing = factory.createClient(OrdersClient.class, "billing");
				OrdersClient stranger = factory.createClient(OrdersClient.class, "stranger");
				// Same JVM, same bundle, same instance: only the service that turned it
				// off skips the host name, before and after the other one tried.
				assertThat(orders.order("1")).containsEntry("server", "wrong-host");
				assertThatExceptionOfType(MeshException.class).isThrownBy(() -> billing.order("1"))
					.withMessageContaining("TLS failure")
					.withMessageContaining("No subject alternative names matching IP address 127.0.0.1");
				assertThat(orders.order("2")).containsEntry("server", "wrong-host");
				// Without host names, the chain is still checked: a bundle that does not
				// know the instances' authority refuses them.
				assertThatExceptionOfType(MeshException.class).isThrownBy(() -> stranger.order("1"))
					.withMessageContaining("TLS failure")
					.withMessageContaining("PKIX path building failed");
			});
	}

	@Test
	void serviceTlsOnShouldCallInstancesWrittenWithHttpOverHttps() {
		this.contextRunner.withPropertyValues(trustBundle("mesh-ca"))
			.withPropertyValues("mesh.services.orders.instances=http://127.0.0.1:" + one.port(),
					"mesh.services.orders.tls.enabled=true", "mesh.services.orders.tls.bundle=mesh-ca")
			.run((context) -> {
				OrdersClient orders = context.getBean(MeshClientFactory.class)
					.createClient(OrdersClient.class, "orders");
				assertThat(orders.order("1")).containsEntry("server", "one");
			});
	}

	@Test
	void discoveryMetadataShouldMarkInstancesSecure() {
		// Plain instances (not https URIs): only their metadata says they speak TLS.
		DiscoveryClient discovery = new CountingDiscoveryClient("orders",
				List.of(new DefaultServiceInstance("orders-1", "orders", "127.0.0.1", one.port(), false,
						Map.of("secure", "true")),
						new DefaultServiceInstance("orders-2", "orders", "127.0.0.1", two.port(), false,
								Map.of("scheme", "https"))));
		this.contextRunner.withPropertyValues(trustBundle("mesh-ca"))
			.withPropertyValues("mesh.services.orders.tls.bundle=mesh-ca")
			.withBean(DiscoveryClient.class, () -> discovery)
			.run((context) -> {
				OrdersClient orders = context.getBean(MeshClientFactory.class)
					.createClient(OrdersClient.class, "orders");
				Set<Object> servers = new HashSet<>();
				for (int i = 0; i < 20; i++) {
					servers.add(orders.order(Integer.toString(i)).get("server"));
				}
				assertThat(servers).containsExactlyInAnyOrder("one", "two");
			});
	}

	private static InstanceOutlierState stateOf(OutlierDetector outliers, TestHttpsServer server) {
		return outliers.snapshot()
			.stream()
			.filter((state) -> state.instance().equals(server.uri()))
			.findFirst()
			.orElseThrow();
	}

}
