package io.datapunk.mesh.autoconfigure.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A real application start with a bad value prints the mesh's failure analysis, so the
 * analyzers are registered where Spring Boot finds them.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureReportIntegrationTests {

	@Test
	void startupWithBadServiceNameShouldPrintPropertyValueRuleAndExample(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(EmptyApplication.class).web(WebApplicationType.NONE)
				.properties("mesh.service-name=Inventory_Svc", "spring.main.banner-mode=off")
				.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: mesh.service-name")
			.contains("Value: \"Inventory_Svc\"")
			.contains("Rule: must be lowercase letters, digits and '-'")
			.contains("for example 'inventory' or 'order-service-2'");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(MeshAutoConfiguration.class)
	static class EmptyApplication {

	}

}
