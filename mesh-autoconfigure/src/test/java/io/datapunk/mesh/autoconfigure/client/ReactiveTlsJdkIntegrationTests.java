package io.datapunk.mesh.autoconfigure.client;

import java.nio.file.Path;
import java.time.Duration;

import io.datapunk.mesh.MeshWebClient;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestCertificates;
import io.datapunk.mesh.test.TestHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Without Reactor Netty (the JDK connector), the mesh cannot give a service a connector
 * of its own: a reactive call to a service with a TLS bundle, host names not verified or
 * a connect-timeout of its own fails at once, naming the key, rather than going out
 * without it. Only the build's {@code webclient-jdk} execution, which leaves Reactor
 * Netty off the class path, runs it.
 */
@EnabledIfSystemProperty(named = "mesh.test.webclient-jvm", matches = "jdk",
		disabledReason = "runs in the webclient-jdk execution only")
class ReactiveTlsJdkIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static TestHttpServer server;

	@TempDir
	static Path files;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(MeshTestAutoConfigurations.webClient())
		.withConfiguration(AutoConfigurations.of(MeshWebClientAutoConfiguration.class))
		.withUserConfiguration(WebClients.class);

	@BeforeAll
	static void startServer() {
		server = TestHttpServer.start("one");
		TestCertificates.authority("mesh test CA").writeCertificate(files.resolve("ca.crt"));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void callToAServiceWhoseSettingsTheConnectorCannotHonourShouldFailAtOnceNamingTheKey() {
		this.contextRunner
			.withPropertyValues("mesh.services.plain.instances=" + server.uri(),
					"spring.ssl.bundle.pem.mesh-ca.truststore.certificate=" + files.resolve("ca.crt"),
					"mesh.services.secure.instances=" + server.uri(), "mesh.services.secure.tls.bundle=mesh-ca",
					"mesh.services.secure.tls.verify-hostname=false", "mesh.services.slow.instances=" + server.uri(),
					"mesh.services.slow.connect-timeout=7s")
			.run((context) -> {
				WebClients clients = context.getBean(WebClients.class);
				assertThat(clients.connector).isInstanceOf(JdkClientHttpConnector.class);
				int before = server.hits();
				assertThat(get(clients.builder, "plain")).isNotEmpty();
				assertThat(server.hits()).isEqualTo(before + 1);
				assertThatIllegalStateException().isThrownBy(() -> get(clients.builder, "secure"))
					.withMessageContaining("mesh.services.secure.tls.bundle is not applied to WebClient calls")
					.withMessageContaining("Reactor Netty");
				assertThatIllegalStateException().isThrownBy(() -> get(clients.builder, "slow"))
					.withMessageContaining("mesh.services.slow.connect-timeout is not applied to WebClient calls");
				assertThat(server.hits()).isEqualTo(before + 1);
			});
	}

	private static String get(WebClient.Builder builder, String service) {
		return builder.baseUrl("http://" + service)
			.build()
			.get()
			.uri("/items/1")
			.retrieve()
			.bodyToMono(String.class)
			.block(WAIT);
	}

	static class WebClients {

		final WebClient.Builder builder;

		final ClientHttpConnector connector;

		WebClients(@MeshWebClient WebClient.Builder builder, ClientHttpConnector connector) {
			this.builder = builder;
			this.connector = connector;
		}

	}

}
