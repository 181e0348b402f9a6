package io.datapunk.mesh.autoconfigure.actuate;

import io.datapunk.mesh.autoconfigure.health.CriticalServicesReadiness;
import io.datapunk.mesh.autoconfigure.health.MeshHealthContributor;
import io.datapunk.mesh.autoconfigure.health.MeshHealthContributorAutoConfiguration;
import io.datapunk.mesh.internal.health.MeshServices;
import io.datapunk.mesh.autoconfigure.health.MeshServicesAutoConfiguration;
import io.datapunk.mesh.internal.observability.MeshMetrics;
import io.datapunk.mesh.autoconfigure.observability.MeshMetricsAutoConfiguration;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.MovedInBoot4;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of the mesh's health contributor, endpoint and meters.
 */
class MeshActuatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(
				AutoConfigurations.of(MeshServicesAutoConfiguration.class, MeshHealthContributorAutoConfiguration.class,
						MeshEndpointAutoConfiguration.class, MeshMetricsAutoConfiguration.class,
						EndpointAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class))
		.withPropertyValues("mesh.services.inventory.instances=http://127.0.0.1:8081",
				"management.endpoints.web.exposure.include=mesh");

	@Test
	void runShouldCreateTheHealthContributorEndpointAndMeters() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MeshServices.class);
			assertThat(context).hasSingleBean(MeshHealthContributor.class);
			assertThat(context).hasSingleBean(MeshEndpoint.class).doesNotHaveBean(WritableMeshEndpoint.class);
			assertThat(context).hasSingleBean(MeshMetrics.class);
			// No critical service: the readiness monitor exists but watches nothing.
			assertThat(context.getBean(CriticalServicesReadiness.class).isRunning()).isFalse();
		});
	}

	@Test
	void runWithACriticalServiceShouldWatchReadiness() {
		this.contextRunner.withPropertyValues("mesh.services.inventory.critical=true")
			.run((context) -> assertThat(context.getBean(CriticalServicesReadiness.class).isRunning()).isTrue());
	}

	@Test
	void runWhenTheHealthIndicatorIsDisabledShouldNotCreateIt() {
		this.contextRunner.withPropertyValues("management.health.mesh.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MeshHealthContributor.class));
	}

	@Test
	void runWithWriteOperationsEnabledShouldCreateTheWritableEndpoint() {
		this.contextRunner.withPropertyValues("mesh.actuator.write-operations.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(WritableMeshEndpoint.class)
				.hasSingleBean(MeshEndpoint.class));
	}

	@Test
	void runByDefaultShouldNotCreateTheDashboardEvenWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=mesh,meshdashboard")
			.run((context) -> assertThat(context).hasSingleBean(MeshEndpoint.class)
				.doesNotHaveBean(MeshDashboardEndpoint.class));
	}

	@Test
	void runWithTheDashboardEnabledAndExposedShouldCreateIt() {
		this.contextRunner
			.withPropertyValues("mesh.dashboard.enabled=true",
					"management.endpoints.web.exposure.include=mesh,meshdashboard")
			.run((context) -> assertThat(context).hasSingleBean(MeshDashboardEndpoint.class));
	}

	@Test
	void runWithTheDashboardEnabledButNotExposedShouldNotCreateIt() {
		this.contextRunner.withPropertyValues("mesh.dashboard.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(MeshEndpoint.class)
				.doesNotHaveBean(MeshDashboardEndpoint.class));
	}

	@Test
	void runWhenTheEndpointIsNotExposedShouldNotCreateIt() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(MeshEndpoint.class));
	}

	@Test
	void runWithoutActuatorShouldCreateNeitherHealthNorEndpoint() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MovedInBoot4.healthContributor()))
			.run((context) -> assertThat(context).doesNotHaveBean(MeshHealthContributor.class));
	}

	@Test
	void runWithoutMicrometerShouldNotCreateTheMeters() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MeshMetrics.class));
	}

	@Test
	void runWhenTheMeshIsDisabledShouldCreateNothing() {
		this.contextRunner.withPropertyValues("mesh.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MeshServices.class)
				.doesNotHaveBean(MeshHealthContributor.class)
				.doesNotHaveBean(MeshEndpoint.class));
	}

}
