package io.datapunk.mesh.autoconfigure.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.config.ServiceSettings;
import io.datapunk.mesh.internal.config.MeshSettings;

/**
 * Binding and resolving {@code mesh.*}: defaults, per-service overrides, environment
 * variables, the own service name and the on/off switch.
 */
class MeshAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class));

	@Test
	void runWithDefaultsShouldCreateSettingsWithDefaultTimeouts() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MeshSettings.class);
			ServiceSettings inventory = context.getBean(MeshSettings.class).service("inventory");
			assertThat(inventory.instances()).isEmpty();
			assertThat(inventory.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(inventory.readTimeout()).isEqualTo(Duration.ofSeconds(10));
		});
	}

	@Test
	void runWhenDisabledShouldCreateNoMeshBean() {
		this.contextRunner.withPropertyValues("mesh.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(MeshSettings.class);
			assertThat(context).doesNotHaveBean(MeshProperties.class);
		});
	}

	@Test
	void runWithUserSettingsShouldUseThem() {
		MeshSettings own = MeshSettingsResolver.resolve(new MeshProperties(), "mine");
		this.contextRunner.withBean(MeshSettings.class, () -> own)
			.run((context) -> assertThat(context.getBean(MeshSettings.class)).isSameAs(own));
	}

	@Test
	void serviceValuesShouldOverrideDefaultsAndUnsetValuesShouldInherit() {
		this.contextRunner
			.withPropertyValues("mesh.defaults.connect-timeout=1s", "mesh.defaults.read-timeout=3s",
					"mesh.services.inventory.read-timeout=250ms",
					"mesh.services.inventory.instances=http://127.0.0.1:8081,https://10.0.0.7:8443")
			.run((context) -> {
				ServiceSettings inventory = context.getBean(MeshSettings.class).service("inventory");
				assertThat(inventory.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(inventory.readTimeout()).isEqualTo(Duration.ofMillis(250));
				assertThat(inventory.instances()).containsExactly(URI.create("http://127.0.0.1:8081"),
						URI.create("https://10.0.0.7:8443"));
				assertThat(context.getBean(MeshSettings.class).service("billing").readTimeout())
					.isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void environmentVariablesShouldOverrideApplicationProperties() {
		Map<String, Object> variables = Map.of("MESH_SERVICES_INVENTORY_INSTANCES_0", "http://10.0.0.9:9000",
				"MESH_SERVICES_INVENTORY_READTIMEOUT", "750ms", "MESH_DEFAULTS_CONNECTTIMEOUT", "4s");
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.instances[0]=http://127.0.0.1:8081",
					"mesh.services.inventory.read-timeout=5s")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)))
			.run((context) -> {
				ServiceSettings inventory = context.getBean(MeshSettings.class).service("inventory");
				assertThat(inventory.instances()).containsExactly(URI.create("http://10.0.0.9:9000"));
				assertThat(inventory.readTimeout()).isEqualTo(Duration.ofMillis(750));
				assertThat(inventory.connectTimeout()).isEqualTo(Duration.ofSeconds(4));
			});
	}

	@Test
	void serviceNameShouldDefaultToApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=storefront")
			.run((context) -> assertThat(context.getBean(MeshSettings.class).getServiceName()).isEqualTo("storefront"));
	}

	@Test
	void serviceNameShouldWinOverApplicationName() {
		this.contextRunner.withPropertyValues("spring.application.name=Storefront App", "mesh.service-name=storefront")
			.run((context) -> assertThat(context.getBean(MeshSettings.class).getServiceName()).isEqualTo("storefront"));
	}

	@Test
	void invalidApplicationNameWithoutServiceNameShouldFailNamingBothProperties() {
		this.contextRunner.withPropertyValues("spring.application.name=Storefront App").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new InvalidMeshPropertyFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
				.contains("Property: spring.application.name (used as mesh.service-name, which is not set)")
				.contains("Value: \"Storefront App\"");
		});
	}

	@Test
	void configVersionShouldBeKept() {
		this.contextRunner.withPropertyValues("mesh.config-version=2026-11-21.1")
			.run((context) -> assertThat(context.getBean(MeshSettings.class).getConfigVersion())
				.isEqualTo("2026-11-21.1"));
	}

}
