package io.datapunk.mesh.autoconfigure.discovery.dns;

import java.util.List;

import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.autoconfigure.discovery.DiscoveryAutoConfiguration;
import io.datapunk.mesh.spi.MeshDiscovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xbill.DNS.Resolver;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import io.datapunk.mesh.internal.discovery.dns.DnsDiscoveryClient;

/**
 * Wiring of DNS SRV discovery: off by default, on with its switch, backing off for a
 * user's bean or a missing dnsjava, and refusing bad settings at startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class DnsDiscoveryAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class, DiscoveryAutoConfiguration.class,
				DnsDiscoveryAutoConfiguration.class));

	@Test
	void runByDefaultShouldNotCreateTheClient() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(DnsDiscoveryClient.class);
			assertThat(context.getBean(MeshDiscovery.class).describeSources()).doesNotContain("DNS");
		});
	}

	@Test
	void runWhenEnabledShouldCreateTheClientThatMeshDiscoveryAsks() {
		this.contextRunner
			.withPropertyValues("mesh.discovery.dns.enabled=true", "mesh.discovery.dns.servers=127.0.0.1:8600")
			.run((context) -> {
				assertThat(context).hasSingleBean(DnsDiscoveryClient.class);
				assertThat(context.getBean(DnsDiscoveryClient.class).servers()).singleElement()
					.hasToString("/127.0.0.1:8600");
				assertThat(context.getBean(MeshDiscovery.class).describeSources())
					.isEqualTo("mesh.services.*.instances, DNS SRV _http._tcp.{service}.service.consul");
			});
	}

	@Test
	void runWhenEnabledWithoutServersShouldAskTheSystemsResolvers() {
		this.contextRunner.withPropertyValues("mesh.discovery.dns.enabled=true")
			.run((context) -> assertThat(context.getBean(DnsDiscoveryClient.class).servers())
				.isEqualTo(org.xbill.DNS.ResolverConfig.getCurrentConfig().servers()));
	}

	@Test
	void runWhenMeshIsDisabledShouldNotCreateTheClient() {
		this.contextRunner.withPropertyValues("mesh.enabled=false", "mesh.discovery.dns.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(DnsDiscoveryClient.class));
	}

	@Test
	void runWithUserClientShouldBackOff() {
		this.contextRunner.withPropertyValues("mesh.discovery.dns.enabled=true")
			.withBean("myDnsClient", DnsDiscoveryClient.class, () -> {
				DnsDiscoveryProperties properties = new DnsDiscoveryProperties();
				properties.setServers(List.of("127.0.0.1:5353"));
				return new DnsDiscoveryClient(properties, List.of(), null);
			})
			.run((context) -> {
				assertThat(context).hasSingleBean(DnsDiscoveryClient.class);
				assertThat(context).hasBean("myDnsClient");
				assertThat(context.getBeansOfType(DiscoveryClient.class)).containsOnlyKeys("myDnsClient");
			});
	}

	@Test
	void runWithoutDnsjavaShouldNotCreateTheClient() {
		this.contextRunner.withPropertyValues("mesh.discovery.dns.enabled=true")
			.withClassLoader(new FilteredClassLoader(Resolver.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DnsDiscoveryClient.class));
	}

	@Test
	void runWithPatternWithoutPlaceholderShouldFailNamingPropertyValueAndRule() {
		this.contextRunner
			.withPropertyValues("mesh.discovery.dns.enabled=true", "mesh.discovery.dns.servers=127.0.0.1",
					"mesh.discovery.dns.name-pattern=_http._tcp.inventory.service.consul")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOfSatisfying(InvalidMeshPropertyException.class, (ex) -> {
						assertThat(ex.getProperty()).isEqualTo("mesh.discovery.dns.name-pattern");
						assertThat(ex.getValue()).isEqualTo("_http._tcp.inventory.service.consul");
						assertThat(ex.getRule()).startsWith("must contain {service}");
					});
			});
	}

	@Test
	void runWithPatternThatMakesNoDnsNameShouldFail() {
		for (String pattern : List.of("_http._tcp.{service}..consul", "_http {service}.consul", "{service}.{service}",
				"_http._tcp.{service}." + "x".repeat(64) + ".consul", "{service}.{zone}.consul")) {
			this.contextRunner
				.withPropertyValues("mesh.discovery.dns.enabled=true", "mesh.discovery.dns.servers=127.0.0.1",
						"mesh.discovery.dns.name-pattern=" + pattern)
				.run((context) -> assertThat(context.getStartupFailure()).as(pattern)
					.rootCause()
					.isInstanceOf(InvalidMeshPropertyException.class)
					.hasMessageContaining("mesh.discovery.dns.name-pattern"));
		}
	}

	@Test
	void runWithBadServerShouldFailNamingTheServer() {
		for (String server : List.of("127.0.0.1:70000", "127.0.0.1:dns", "[::1", ":53", "[::1]x")) {
			this.contextRunner
				.withPropertyValues("mesh.discovery.dns.enabled=true", "mesh.discovery.dns.servers=" + server)
				.run((context) -> assertThat(context.getStartupFailure()).as(server)
					.rootCause()
					.isInstanceOfSatisfying(InvalidMeshPropertyException.class, (ex) -> {
						assertThat(ex.getProperty()).isEqualTo("mesh.discovery.dns.servers");
						assertThat(ex.getValue()).isEqualTo(server);
					}));
		}
	}

	@Test
	void runWithMinTtlAboveMaxTtlShouldFail() {
		this.contextRunner
			.withPropertyValues("mesh.discovery.dns.enabled=true", "mesh.discovery.dns.servers=127.0.0.1",
					"mesh.discovery.dns.min-ttl=2m", "mesh.discovery.dns.max-ttl=1m")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidMeshPropertyException.class)
				.hasMessageContaining("mesh.discovery.dns.min-ttl")
				.hasMessageContaining("Invalid value \"120s\" of mesh.discovery.dns.min-ttl")
				.hasMessageContaining("must not be longer than mesh.discovery.dns.max-ttl (60s)"));
	}

	@Test
	void runWithZeroTimeoutShouldFailValidation() {
		this.contextRunner.withPropertyValues("mesh.discovery.dns.enabled=true", "mesh.discovery.dns.timeout=0s")
			.run((context) -> {
				assertThat(context).hasFailed();
				BindException failure = findCause(context.getStartupFailure(), BindException.class);
				assertThat(failure.getName()).hasToString("mesh.discovery.dns");
				assertThat(failure.getCause()).hasMessageContaining("timeout")
					.hasMessageContaining("must be a duration greater than zero");
			});
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
	}

	@Test
	void startupWithBadPatternShouldPrintPropertyValueAndRule(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(DnsApplication.class).web(WebApplicationType.NONE)
				.properties("mesh.discovery.dns.enabled=true", "mesh.discovery.dns.servers=127.0.0.1",
						"mesh.discovery.dns.name-pattern=_http._tcp.service.consul", "spring.main.banner-mode=off")
				.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: mesh.discovery.dns.name-pattern")
			.contains("Value: \"_http._tcp.service.consul\"")
			.contains("Rule: must contain {service} and form a valid DNS name");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ MeshAutoConfiguration.class, DiscoveryAutoConfiguration.class,
			DnsDiscoveryAutoConfiguration.class })
	static class DnsApplication {

	}

}
