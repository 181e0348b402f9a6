package io.datapunk.mesh.autoconfigure.client;

import io.datapunk.mesh.autoconfigure.balancer.LoadBalancerAutoConfiguration;
import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.autoconfigure.discovery.DiscoveryAutoConfiguration;
import io.datapunk.mesh.autoconfigure.resilience.ResilienceAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A real application start with a {@code tls.bundle} that names no bundle prints the
 * property, the value and the rule.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsFailureReportIntegrationTests {

	@Test
	void startupWithUnknownBundleShouldPrintPropertyValueAndRule(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(MeshApplication.class).web(WebApplicationType.NONE)
				.properties("mesh.services.inventory.tls.bundle=inventory-tls", "spring.main.banner-mode=off",
						"spring.ssl.bundle.jks.other.keystore.password=not-printed")
				.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: mesh.services.inventory.tls.bundle")
			.contains("Value: \"inventory-tls\"")
			.contains("Rule: must name an SSL bundle configured under spring.ssl.bundle")
			.doesNotContain("not-printed");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ MeshAutoConfiguration.class, DiscoveryAutoConfiguration.class,
			LoadBalancerAutoConfiguration.class, ResilienceAutoConfiguration.class, MeshClientAutoConfiguration.class,
			HttpClientAutoConfiguration.class, RestClientAutoConfiguration.class, SslAutoConfiguration.class })
	static class MeshApplication {

	}

}
