package io.datapunk.mesh.autoconfigure.discovery.dns;

import java.lang.reflect.Constructor;

import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.autoconfigure.discovery.DiscoveryAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.discovery.dns.DnsDiscoveryClient;

/**
 * {@code mesh.discovery.dns.min-ttl} and {@code max-ttl} have a floor and a ceiling: with
 * Consul's TTL-0 answers, {@code min-ttl=1ms} would send about 1,000 queries a second per
 * service. A value out of bounds stops startup with the property, the value and the rule.
 */
class DnsTtlBoundsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class, DiscoveryAutoConfiguration.class,
				DnsDiscoveryAutoConfiguration.class))
		.withPropertyValues("mesh.discovery.dns.enabled=true", "mesh.discovery.dns.servers=127.0.0.1");

	@Test
	void runWithMinTtlAtTheFloorShouldStart() {
		this.contextRunner.withPropertyValues("mesh.discovery.dns.min-ttl=100ms")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DnsDiscoveryClient.class));
	}

	@Test
	void runWithOneMillisecondMinTtlShouldFailWithPropertyValueAndRule() {
		this.contextRunner.withPropertyValues("mesh.discovery.dns.min-ttl=1ms").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: mesh.discovery.dns.min-ttl")
				.contains("Value: \"1ms\"")
				.contains("Rule: must be between 100ms and 86400s");
			assertThat(analysis.getAction()).contains("mesh.discovery.dns.min-ttl");
		});
	}

	@Test
	void runWithMinTtlOverADayShouldFail() {
		this.contextRunner.withPropertyValues("mesh.discovery.dns.min-ttl=2d", "mesh.discovery.dns.max-ttl=2d")
			.run((context) -> assertThat(analyze(context.getStartupFailure()).getDescription())
				.contains("Property: mesh.discovery.dns.min-ttl")
				.contains("Value: \"172800s\""));
	}

	@Test
	void runWithMaxTtlOverADayShouldFail() {
		this.contextRunner.withPropertyValues("mesh.discovery.dns.max-ttl=30d")
			.run((context) -> assertThat(analyze(context.getStartupFailure()).getDescription())
				.contains("Property: mesh.discovery.dns.max-ttl")
				.contains("Rule: must be between 100ms and 86400s"));
	}

	/** Analyze a startup failure with the mesh's registered failure analyzer. */
	private static FailureAnalysis analyze(Throwable failure) throws Exception {
		assertThat(failure).rootCause().isInstanceOf(InvalidMeshPropertyException.class);
		Constructor<?> constructor = Class
			.forName("io.datapunk.mesh.autoconfigure.config.InvalidMeshPropertyFailureAnalyzer")
			.getDeclaredConstructor();
		constructor.setAccessible(true);
		FailureAnalysis analysis = ((FailureAnalyzer) constructor.newInstance()).analyze(failure);
		assertThat(analysis).isNotNull();
		return analysis;
	}

}
