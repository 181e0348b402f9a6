package io.datapunk.mesh.autoconfigure.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.config.TlsSettings;

/**
 * Resolving the TLS settings of a service: its {@code mesh.services.<name>.tls} values
 * over {@code mesh.defaults.tls} over the built-in defaults, field by field.
 */
class TlsSettingsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class));

	@Test
	void runWithNothingSetShouldCallOverHttpsOnlyWhereInstancesAskAndVerifyHostNames() {
		this.contextRunner.run((context) -> {
			TlsSettings tls = context.getBean(MeshSettings.class).service("inventory").tls();
			assertThat(tls).isEqualTo(TlsSettings.DEFAULTS);
			assertThat(tls.enabled()).isFalse();
			assertThat(tls.bundle()).isNull();
			assertThat(tls.verifyHostname()).isTrue();
			assertThat(tls.isCustomized()).isFalse();
		});
	}

	@Test
	void runWithDefaultsShouldApplyThemToEveryService() {
		this.contextRunner
			.withPropertyValues("mesh.defaults.tls.enabled=true", "mesh.defaults.tls.bundle=mesh-ca",
					"mesh.services.billing.timeout=2s")
			.run((context) -> {
				MeshSettings settings = context.getBean(MeshSettings.class);
				assertThat(settings.service("inventory").tls()).isEqualTo(new TlsSettings(true, "mesh-ca", true));
				assertThat(settings.service("billing").tls()).isEqualTo(new TlsSettings(true, "mesh-ca", true));
				assertThat(settings.defaults().tls()).isEqualTo(new TlsSettings(true, "mesh-ca", true));
			});
	}

	@Test
	void runWithServiceValuesShouldOverrideTheDefaultsOneByOne() {
		this.contextRunner
			.withPropertyValues("mesh.defaults.tls.enabled=true", "mesh.defaults.tls.bundle=mesh-ca",
					"mesh.services.legacy.tls.verify-hostname=false", "mesh.services.billing.tls.bundle=billing-mtls",
					"mesh.services.public-api.tls.enabled=false")
			.run((context) -> {
				MeshSettings settings = context.getBean(MeshSettings.class);
				assertThat(settings.service("legacy").tls()).isEqualTo(new TlsSettings(true, "mesh-ca", false));
				assertThat(settings.service("billing").tls()).isEqualTo(new TlsSettings(true, "billing-mtls", true));
				assertThat(settings.service("public-api").tls()).isEqualTo(new TlsSettings(false, "mesh-ca", true));
				assertThat(settings.service("legacy").tls().isCustomized()).isTrue();
			});
	}

	@Test
	void runWithEnvironmentStyleNamesShouldBind() {
		this.contextRunner
			.withInitializer(
					(context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new SystemEnvironmentPropertySource(
								StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.<String, Object>of("MESH_SERVICES_INVENTORY_TLS_VERIFYHOSTNAME", "false",
										"MESH_SERVICES_INVENTORY_TLS_BUNDLE", "mesh-ca"))))
			.run((context) -> assertThat(context.getBean(MeshSettings.class).service("inventory").tls())
				.isEqualTo(new TlsSettings(false, "mesh-ca", false)));
	}

}
