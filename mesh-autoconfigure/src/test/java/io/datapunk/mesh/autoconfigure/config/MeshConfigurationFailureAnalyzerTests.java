package io.datapunk.mesh.autoconfigure.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.config.MeshSettings;

/**
 * Bad {@code mesh.*} values stop startup, and the failure analysis names the property,
 * the value as written, the rule and a valid example.
 */
class MeshConfigurationFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class));

	@Test
	void serviceNameWithUppercaseAndUnderscoreShouldFailWithRuleAndExample() {
		FailureAnalysis analysis = analyze("mesh.service-name=Inventory_Svc");
		assertThat(analysis.getDescription()).contains("Property: mesh.service-name")
			.contains("Value: \"Inventory_Svc\"")
			.contains("Rule: must be lowercase letters, digits and '-', starting with a letter");
		assertThat(analysis.getAction()).contains("mesh.service-name").contains("'inventory'");
	}

	@Test
	void serviceNameOf64CharactersShouldFail() {
		String name = "a".repeat(64);
		FailureAnalysis analysis = analyze("mesh.service-name=" + name);
		assertThat(analysis.getDescription()).contains("Property: mesh.service-name")
			.contains("Value: \"" + name + "\"")
			.contains("1 to 63 characters");
	}

	@Test
	void serviceNameOf63CharactersShouldBind() {
		this.contextRunner.withPropertyValues("mesh.service-name=" + "a".repeat(63))
			.run((context) -> assertThat(context.getBean(MeshSettings.class).getServiceName()).hasSize(63));
	}

	@Test
	void servicesKeyWithSpaceShouldFail() {
		FailureAnalysis analysis = analyze("mesh.services[inventory svc].instances[0]=http://127.0.0.1:8081");
		assertThat(analysis.getDescription()).contains("mesh.services")
			.contains("\"inventory svc\"")
			.contains("Rule: must be lowercase letters, digits and '-'");
		assertThat(analysis.getAction()).contains("'inventory'");
	}

	@Test
	void servicesKeyShouldShowWhereItWasWritten() {
		FailureAnalysis analysis = analyze("mesh.services[Inventory_Svc].instances[0]=http://127.0.0.1:8081");
		assertThat(analysis.getDescription()).contains("\"Inventory_Svc\"")
			.contains("Origin: \"mesh.services[Inventory_Svc].instances[0]\" from property source");
	}

	@Test
	void servicesKeyWithSemicolonShouldFail() {
		FailureAnalysis analysis = analyze("mesh.services[inventory;rm].instances[0]=http://127.0.0.1:8081");
		assertThat(analysis.getDescription()).contains("mesh.services")
			.contains("\"inventory;rm\"")
			.contains("Rule: must be lowercase letters");
	}

	@Test
	void instanceUriThatIsNotHttpShouldFail() {
		FailureAnalysis analysis = analyze("mesh.services.inventory.instances[0]=ftp://10.0.0.7:21");
		assertThat(analysis.getDescription()).contains("Property: mesh.services.inventory.instances[0]")
			.contains("Value: \"ftp://10.0.0.7:21\"")
			.contains("Rule: must be an instance address http://host:port or https://host:port");
		assertThat(analysis.getAction()).contains("'http://10.0.0.7:8080'");
	}

	@Test
	void commaSeparatedInstancesWithBadAddressShouldFailNamingTheListNotAMapKey() {
		FailureAnalysis analysis = analyze("mesh.services.inventory.instances=ftp://10.0.0.7:21,http://10.0.0.8:8080");
		assertThat(analysis.getDescription())
			.contains("Property: mesh.services.inventory.instances" + System.lineSeparator())
			.contains("Value: \"ftp://10.0.0.7:21,http://10.0.0.8:8080\"")
			.contains("(element ftp://10.0.0.7:21 is not)")
			.doesNotContain("(key)");
	}

	@Test
	void instanceUriWithCredentialsShouldFailWithoutBeingAccepted() {
		FailureAnalysis analysis = analyze("mesh.services.inventory.instances[0]=http://admin:pw@10.0.0.7:8080");
		assertThat(analysis.getDescription()).contains("no path, query, fragment or user info");
	}

	@Test
	void negativeDurationShouldFail() {
		FailureAnalysis analysis = analyze("mesh.defaults.connect-timeout=-1s");
		assertThat(analysis.getDescription()).contains("Property: mesh.defaults.connect-timeout")
			.contains("Value: \"-1s\"")
			.contains("Rule: must be a duration greater than zero");
		assertThat(analysis.getAction()).contains("'2s'");
	}

	@Test
	void negativeDurationOfOneServiceShouldFail() {
		FailureAnalysis analysis = analyze("mesh.services.inventory.read-timeout=-5ms");
		assertThat(analysis.getDescription()).contains("Property: mesh.services.inventory.read-timeout")
			.contains("Value: \"-5ms\"")
			.contains("Rule: must be a duration greater than zero");
	}

	@Test
	void durationThatIsNotADurationShouldFail() {
		FailureAnalysis analysis = analyze("mesh.defaults.read-timeout=soon");
		assertThat(analysis.getDescription()).contains("Property: mesh.defaults.read-timeout")
			.contains("Value: \"soon\"")
			.contains("Rule: must be a duration");
		assertThat(analysis.getAction()).contains("'500ms', '2s' or 'PT2S'");
	}

	@Test
	void badConfigVersionShouldFail() {
		FailureAnalysis analysis = analyze("mesh.config-version=v 1");
		assertThat(analysis.getDescription()).contains("Property: mesh.config-version").contains("Value: \"v 1\"");
	}

	@Test
	void bindingFailureOutsideMeshShouldBeLeftToSpringBoot() {
		this.contextRunner.withUserConfiguration(OtherPropertiesConfiguration.class)
			.withPropertyValues("other.timeout=soon")
			.run((context) -> assertThat(new MeshConfigurationFailureAnalyzer().analyze(context.getStartupFailure()))
				.isNull());
	}

	private FailureAnalysis analyze(String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new MeshConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("failure analysis").isNotNull();
		return analysis[0];
	}

	@org.springframework.boot.context.properties.EnableConfigurationProperties(OtherProperties.class)
	static class OtherPropertiesConfiguration {

	}

	@org.springframework.boot.context.properties.ConfigurationProperties("other")
	static class OtherProperties {

		private java.time.Duration timeout;

		public java.time.Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(java.time.Duration timeout) {
			this.timeout = timeout;
		}

	}

}
