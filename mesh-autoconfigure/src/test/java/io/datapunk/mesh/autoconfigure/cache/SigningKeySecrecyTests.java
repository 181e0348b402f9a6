package io.datapunk.mesh.autoconfigure.cache;

import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing key is a secret: masked in the configprops and env endpoints even when they
 * show values, and a key too short stops startup without printing it.
 */
class SigningKeySecrecyTests {

	private static final String KEY = "fleet-signing-key-" + "9f8e7d6c5b4a";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(MeshTestAutoConfigurations.redis())
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesReportEndpointAutoConfiguration.class,
				EnvironmentEndpointAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.port=1", "management.endpoint.configprops.show-values=always",
				"management.endpoint.env.show-values=always", "management.endpoints.web.exposure.include=*");

	@Test
	void signingKeyShouldBeMaskedWhereValuesAreShown() {
		this.runner.withPropertyValues("mesh.cache.redis.signing-key=" + KEY, "mesh.cache.redis.prefix=shown")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ObjectMapper json = new ObjectMapper();
				String configprops = json.writeValueAsString(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
				String env = json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
				// Positive control: values are shown.
				assertThat(configprops).contains("\"prefix\":\"shown\"");
				assertThat(env).contains("shown");
				assertThat(configprops).doesNotContain(KEY).contains("\"signingKey\":\"******\"");
				assertThat(env).doesNotContain(KEY);
			});
	}

	@Test
	void signingKeyTooShortShouldStopStartupWithoutPrintingIt() {
		this.runner.withPropertyValues("mesh.cache.redis.signing-key=short-secret").run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof InvalidMeshPropertyException)) {
				failure = failure.getCause();
			}
			assertThat(failure).isNotNull()
				.hasMessageContaining("mesh.cache.redis.signing-key")
				.hasMessageContaining("at least 16 characters")
				.hasMessageNotContaining("short-secret");
		});
	}

}
