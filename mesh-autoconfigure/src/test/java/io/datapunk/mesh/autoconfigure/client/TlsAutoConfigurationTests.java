package io.datapunk.mesh.autoconfigure.client;

import java.nio.file.Path;

import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory;

/**
 * Wiring of the services' TLS settings: bundle names are checked at startup against
 * Spring Boot's SSL bundles.
 */
class TlsAutoConfigurationTests {

	@TempDir
	static Path files;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient());

	@BeforeAll
	static void writeCertificate() {
		TestCertificates.authority("mesh test CA").writeCertificate(files.resolve("ca.crt"));
	}

	private static String trustBundle(String name) {
		return "spring.ssl.bundle.pem." + name + ".truststore.certificate=" + files.resolve("ca.crt");
	}

	@Test
	void runWithAKnownBundleShouldStart() {
		this.contextRunner
			.withPropertyValues(trustBundle("mesh-ca"), "mesh.defaults.tls.bundle=mesh-ca",
					"mesh.services.billing.tls.bundle=mesh-ca", "mesh.services.legacy.tls.verify-hostname=false")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(MeshClientHttpRequestFactory.class));
	}

	@Test
	void runWithAnUnknownServiceBundleShouldFailNamingPropertyValueAndRule() {
		this.contextRunner
			.withPropertyValues(trustBundle("mesh-ca"), "mesh.services.orders.tls.bundle=mesh-cert",
					"mesh.services.orders.instances=https://127.0.0.1:8443")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOfSatisfying(InvalidMeshPropertyException.class, (ex) -> {
						assertThat(ex.getProperty()).isEqualTo("mesh.services.orders.tls.bundle");
						assertThat(ex.getValue()).isEqualTo("mesh-cert");
						assertThat(ex.getRule()).isEqualTo(
								"must name an SSL bundle configured under spring.ssl.bundle (configured: [mesh-ca])");
					});
			});
	}

	@Test
	void runWithAnUnknownDefaultsBundleShouldFailNamingTheDefaultsProperty() {
		this.contextRunner.withPropertyValues("mesh.defaults.tls.bundle=missing")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidMeshPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("mesh.defaults.tls.bundle");
					assertThat(ex.getValue()).isEqualTo("missing");
					assertThat(ex.getMessage()).contains("spring.ssl.bundle");
				}));
	}

	@Test
	void runWithABundleButNoSslBundlesShouldFail() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class,
					io.datapunk.mesh.autoconfigure.discovery.DiscoveryAutoConfiguration.class,
					io.datapunk.mesh.autoconfigure.balancer.LoadBalancerAutoConfiguration.class,
					io.datapunk.mesh.autoconfigure.resilience.ResilienceAutoConfiguration.class,
					MeshClientAutoConfiguration.class))
			.withPropertyValues("mesh.defaults.tls.bundle=mesh-ca")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidMeshPropertyException.class,
						(ex) -> assertThat(ex.getRule()).contains("no SslBundles bean")));
	}

	@Test
	void runWithHostnameVerificationOffAndNoBundleShouldFailNamingThePropertyAndTheRule() {
		// Positive control: with a bundle of the authorities to trust, it starts.
		this.contextRunner
			.withPropertyValues(trustBundle("mesh-ca"), "mesh.services.legacy.tls.verify-hostname=false",
					"mesh.services.legacy.tls.bundle=mesh-ca")
			.run((context) -> assertThat(context).hasNotFailed());
		// Without one, the JVM's trust store would accept any public certificate for any
		// host.
		this.contextRunner.withPropertyValues("mesh.services.legacy.tls.verify-hostname=false")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidMeshPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("mesh.services.legacy.tls.verify-hostname");
					assertThat(ex.getRule()).contains("only with a tls.bundle");
				}));
	}

}
