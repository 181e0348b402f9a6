package io.datapunk.mesh.autoconfigure.client;

import java.util.Arrays;

import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.Configurations;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DeferredImportSelector;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotationMetadata;

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
	@Import(MeshClientAutoConfigurations.class)
	static class MeshApplication {

	}

	/**
	 * The mesh's auto-configurations and Spring Boot's HTTP client, RestClient and SSL
	 * ones, by the names this Boot line gives them, in auto-configuration order.
	 */
	static class MeshClientAutoConfigurations implements DeferredImportSelector {

		@Override
		public String[] selectImports(AnnotationMetadata metadata) {
			return Arrays.stream(Configurations.getClasses(MeshTestAutoConfigurations.meshClient()))
				.map(Class::getName)
				.toArray(String[]::new);
		}

	}

}
