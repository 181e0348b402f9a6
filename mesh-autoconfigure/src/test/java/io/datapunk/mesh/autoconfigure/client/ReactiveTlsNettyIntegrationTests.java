package io.datapunk.mesh.autoconfigure.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.MeshWebClient;
import io.datapunk.mesh.internal.client.ServiceExchanges;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestCertificates;
import io.datapunk.mesh.test.TestCertificates.Authority;
import io.datapunk.mesh.test.TestHttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Calls through a {@code WebClient} from the {@link MeshWebClient @MeshWebClient}
 * builder, on Reactor Netty, over HTTPS to real TLS servers on 127.0.0.1 whose
 * certificates a private authority, made by the test, signed: the service's
 * {@code tls.bundle} and {@code tls.verify-hostname} apply, as on the blocking clients,
 * though the application's connector knows neither. Only the build's
 * {@code webclient-netty} execution runs it.
 */
@EnabledIfSystemProperty(named = "mesh.test.webclient-jvm", matches = "reactor-netty",
		disabledReason = "runs in the webclient-netty execution only")
class ReactiveTlsNettyIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Authority CA = TestCertificates.authority("mesh test CA");

	private static final Authority CLIENT_CA = TestCertificates.authority("mesh test client CA");

	private static TestHttpsServer one;

	private static TestHttpsServer wrongHost;

	private static TestHttpsServer mutual;

	@TempDir
	static Path files;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(MeshTestAutoConfigurations.webClient())
		.withConfiguration(AutoConfigurations.of(MeshWebClientAutoConfiguration.class))
		.withUserConfiguration(WebClients.class)
		.withPropertyValues("mesh.defaults.retry.base-backoff=1ms", "mesh.defaults.retry.max-backoff=4ms");

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

	private static String[] bundle(String name) {
		return new String[] { "spring.ssl.bundle.pem." + name + ".truststore.certificate=" + files.resolve("ca.crt"),
				"spring.ssl.bundle.pem." + name + ".keystore.certificate=" + files.resolve("storefront.crt"),
				"spring.ssl.bundle.pem." + name + ".keystore.private-key=" + files.resolve("storefront.key") };
	}

	@Test
	void serviceWithTheBundleShouldBeCalledOverItAndAServiceWithoutItShouldFailTheHandshake() {
		this.contextRunner.withPropertyValues(bundle("mesh-ca"))
			.withPropertyValues("mesh.services.orders.instances=" + one.uri(),
					"mesh.services.orders.tls.bundle=mesh-ca", "mesh.services.plain.instances=" + one.uri())
			.run((context) -> {
				WebClient.Builder builder = context.getBean(WebClients.class).builder;
				int before = one.hits();
				assertThat(get(builder, "orders")).containsEntry("server", "one");
				assertThat(one.hits()).isEqualTo(before + 1);
				assertThatExceptionOfType(MeshException.class).isThrownBy(() -> get(builder, "plain"))
					.withMessageContaining("service 'plain'")
					.withMessageContaining("TLS failure")
					.withMessageContaining(one.uri().toString());
				assertThat(one.hits()).isEqualTo(before + 1);
			});
	}

	@Test
	void serviceThatDoesNotVerifyHostNamesShouldReachAnInstanceWhoseCertificateNamesAnotherHost() {
		this.contextRunner.withPropertyValues(bundle("mesh-ca"))
			.withPropertyValues("mesh.services.lenient.instances=" + wrongHost.uri(),
					"mesh.services.lenient.tls.bundle=mesh-ca", "mesh.services.lenient.tls.verify-hostname=false",
					"mesh.services.strict.instances=" + wrongHost.uri(), "mesh.services.strict.tls.bundle=mesh-ca")
			.run((context) -> {
				WebClient.Builder builder = context.getBean(WebClients.class).builder;
				assertThat(get(builder, "lenient")).containsEntry("server", "wrong-host");
				assertThatExceptionOfType(MeshException.class).isThrownBy(() -> get(builder, "strict"))
					.withMessageContaining("service 'strict'")
					.withMessageContaining("TLS failure");
			});
	}

	@Test
	void replacingTheTrustedAuthorityShouldBePickedUpWithoutARestart() {
		Authority newCa = TestCertificates.authority("new CA");
		Path trust = CA.writeCertificate(files.resolve("rotating-ca.crt"));
		try (TestHttpsServer renewed = TestHttpsServer.start("renewed", newCa.server("renewed"))) {
			this.contextRunner.withPropertyValues("spring.ssl.bundle.watch.file.quiet-period=100ms",
					"spring.ssl.bundle.pem.rotating.reload-on-update=true",
					"spring.ssl.bundle.pem.rotating.truststore.certificate=" + trust,
					"mesh.services.orders.instances=" + renewed.uri(), "mesh.services.orders.tls.bundle=rotating",
					"mesh.services.orders.retry.max-attempts=1", "mesh.services.orders.outlier-detection.enabled=false",
					"mesh.services.orders.circuit-breaker.enabled=false")
				.run((context) -> {
					WebClient.Builder builder = context.getBean(WebClients.class).builder;
					assertThatExceptionOfType(MeshException.class).isThrownBy(() -> get(builder, "orders"))
						.withMessageContaining("TLS failure");
					newCa.writeCertificate(trust);
					await().atMost(WAIT)
						.pollInterval(Duration.ofMillis(100))
						.ignoreExceptionsInstanceOf(MeshException.class)
						.untilAsserted(() -> assertThat(get(builder, "orders")).containsEntry("server", "renewed"));
				});
		}
	}

	@Test
	void mutualTlsShouldPresentTheClientCertificateOfTheBundle() {
		this.contextRunner.withPropertyValues(bundle("storefront"))
			.withPropertyValues("mesh.services.orders.instances=" + mutual.uri(),
					"mesh.services.orders.tls.bundle=storefront")
			.run((context) -> assertThat(get(context.getBean(WebClients.class).builder, "orders"))
				.containsEntry("server", "mutual")
				.containsEntry("client", "CN=storefront"));
	}

	@Test
	void servicesWithTheSameSettingsShouldShareAConnectorAndDefaultServicesUseTheApplicationsOne() {
		this.contextRunner.withPropertyValues(bundle("mesh-ca"))
			.withPropertyValues("mesh.services.orders.tls.bundle=mesh-ca", "mesh.services.billing.tls.bundle=mesh-ca",
					"mesh.services.slow.connect-timeout=7s", "mesh.services.plain.read-timeout=7s")
			.run((context) -> {
				ServiceExchanges exchanges = context.getBean(ServiceExchanges.class);
				assertThat(exchanges.forService("orders")).isNotNull().isSameAs(exchanges.forService("billing"));
				assertThat(exchanges.forService("slow")).isNotNull().isNotSameAs(exchanges.forService("orders"));
				assertThat(exchanges.forService("plain")).isNull();
			});
	}

	private static Map<String, Object> get(WebClient.Builder builder, String service) {
		return builder.baseUrl("http://" + service)
			.build()
			.get()
			.uri("/orders/1")
			.retrieve()
			.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.onErrorMap((ex) -> !(ex instanceof MeshException), (ex) -> new AssertionError("not a mesh failure", ex))
			.switchIfEmpty(Mono.error(new AssertionError("no answer")))
			.block(WAIT);
	}

	static class WebClients {

		final WebClient.Builder builder;

		WebClients(@MeshWebClient WebClient.Builder builder) {
			this.builder = builder;
		}

	}

}
