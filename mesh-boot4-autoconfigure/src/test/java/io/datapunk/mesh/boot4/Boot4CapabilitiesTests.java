package io.datapunk.mesh.boot4;

import java.nio.file.Path;

import io.datapunk.mesh.autoconfigure.actuate.MeshEndpoint;
import io.datapunk.mesh.autoconfigure.discovery.consul.ResilientConsulServiceRegistry;
import io.datapunk.mesh.autoconfigure.health.MeshHealthContributor;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.RedisMeshEvents;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.discovery.consul.ConsulServiceWatches;
import io.datapunk.mesh.internal.discovery.dns.DnsDiscoveryClient;
import io.datapunk.mesh.internal.health.MeshServices;
import io.datapunk.mesh.internal.observability.MeshMetrics;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.spi.MeshLoadBalancer;
import io.datapunk.mesh.test.TestCertificates.Authority;
import io.datapunk.mesh.test.TestCertificates;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.TestHttpsServer;
import io.datapunk.mesh.test.consul.TestConsul;
import io.datapunk.mesh.test.redis.TestRedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every capability of the mesh is on in a Boot 4.1 application that brings what it needs,
 * with every auto-configuration on the class path applied as
 * {@code @EnableAutoConfiguration} would: a moved Boot type, a moved auto-configuration
 * named in {@code afterName}, or a class condition on a type Boot 4 no longer has
 * switches a capability off without an error, which these tests would see.
 */
class Boot4CapabilitiesTests {

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.create();

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("catalog");

	private static final Authority CA = TestCertificates.authority("mesh test CA");

	@TempDir
	static Path files;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(Application.class);

	@BeforeAll
	static void writeCertificate() {
		CA.writeCertificate(files.resolve("ca.crt"));
	}

	private ApplicationContextRunner application() {
		return this.contextRunner
			.withPropertyValues("spring.application.name=storefront",
					"mesh.services.inventory.instances=http://127.0.0.1:8081", "mesh.services.inventory.critical=true",
					"mesh.discovery.dns.enabled=true", "mesh.discovery.dns.servers=127.0.0.1:8600",
					"spring.ssl.bundle.pem.mesh-ca.truststore.certificate=" + files.resolve("ca.crt"),
					"mesh.services.billing.tls.bundle=mesh-ca", "management.endpoints.web.exposure.include=mesh")
			.withPropertyValues(redis.springProperties())
			.withPropertyValues(consul.properties());
	}

	@Test
	void engineAndClientsShouldBeOn() {
		application().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(MeshSettings.class)
				.hasSingleBean(MeshLoadBalancer.class)
				.hasSingleBean(ResilienceRegistry.class)
				.hasSingleBean(MeshClientHttpRequestFactory.class)
				.hasSingleBean(MeshClientFactory.class);
			assertThat(context.getBean(MeshDiscovery.class)).isInstanceOf(CachingMeshDiscovery.class);
		});
	}

	@Test
	void healthContributorShouldBeRegisteredUnderMesh() {
		application().run((context) -> {
			assertThat(context).hasSingleBean(MeshHealthContributor.class).hasSingleBean(MeshServices.class);
			assertThat(context.getBean(HealthContributorRegistry.class).getContributor("mesh"))
				.isInstanceOf(MeshHealthContributor.class);
		});
	}

	@Test
	void endpointAndMetricsShouldBeOn() {
		application().run((context) -> {
			assertThat(context).hasSingleBean(MeshEndpoint.class).hasSingleBean(MeshMetrics.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.getMeters())
				.anySatisfy((meter) -> assertThat(meter.getId().getName()).startsWith("mesh."));
		});
	}

	@Test
	void redisTierShouldBeOnWithAConnectionFactory() {
		application().run((context) -> {
			assertThat(context).hasSingleBean(RedisConnectionFactory.class).hasSingleBean(RedisMeshEvents.class);
		});
	}

	@Test
	void redisTierShouldBeOffWithoutSpringDataRedis() {
		application().withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CachingMeshDiscovery.class)
				.doesNotHaveBean(RedisMeshEvents.class));
	}

	@Test
	void consulIntegrationShouldBeOnWithSpringCloudConsul5() {
		application().run((context) -> assertThat(context).hasSingleBean(ConsulServiceWatches.class)
			.hasSingleBean(ResilientConsulServiceRegistry.class));
	}

	@Test
	void dnsDiscoveryShouldBeOn() {
		application().run((context) -> assertThat(context).hasSingleBean(DnsDiscoveryClient.class));
	}

	@Test
	void tracingShouldCarryTheCallersTraceToTheInstance() {
		TestHttpServer catalog = servers.get(0);
		application()
			.withPropertyValues("mesh.services.catalog.instances=" + catalog.uri(),
					"management.tracing.sampling.probability=1.0")
			.run((context) -> {
				Tracer tracer = context.getBean(Tracer.class);
				RestClient client = context.getBean(MeshClientFactory.class).restClientBuilder().build();
				String traceId = Observation.createNotStarted("checkout", context.getBean(ObservationRegistry.class))
					.observe(() -> {
						client.get().uri("http://catalog/items/1").retrieve().toBodilessEntity();
						return tracer.currentSpan().context().traceId();
					});
				assertThat(traceId).hasSize(32);
				assertThat(catalog.received()).singleElement()
					.satisfies((request) -> assertThat(request.header("traceparent")).startsWith("00-" + traceId));
				assertThat(context.getBean(MeterRegistry.class).find("mesh.client.attempts").timer()).isNotNull();
			});
	}

	@Test
	void sslBundleShouldSecureTheCallsOfTheServiceThatNamesIt() {
		try (TestHttpsServer billing = TestHttpsServer.start("billing", CA.server("billing"))) {
			application()
				.withPropertyValues("mesh.services.billing.instances=" + billing.uri(),
						"mesh.services.payments.instances=" + billing.uri())
				.run((context) -> {
					RestClient client = context.getBean(MeshClientFactory.class).restClientBuilder().build();
					assertThat(client.get().uri("http://billing/items/1").retrieve().toBodilessEntity().getStatusCode())
						.isEqualTo(HttpStatus.OK);
					assertThat(billing.hits()).isOne();
					// Without the bundle the JDK's trust store does not know the private
					// CA.
					assertThatException()
						.isThrownBy(() -> client.get().uri("http://payments/items/1").retrieve().toBodilessEntity());
					assertThat(billing.hits()).isOne();
				});
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void badMeshPropertyShouldStopStartupNamingPropertyValueAndRule(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off", "mesh.service-name=Inventory_Svc")
				.properties(consul.properties())
				.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: mesh.service-name")
			.contains("Value: \"Inventory_Svc\"")
			.contains("Rule: must be lowercase letters, digits and '-'");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
