package io.datapunk.mesh.autoconfigure.client.group;

import io.datapunk.mesh.autoconfigure.client.group.app.GroupsAppConfiguration;
import io.datapunk.mesh.autoconfigure.client.group.app.InventoryApi;
import io.datapunk.mesh.autoconfigure.client.group.app.InventoryMeshClient;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @MeshClient} and an HTTP service group of the same service share one engine:
 * what the group's calls taught the mesh (an ejection) the {@code @MeshClient} acts on,
 * and both count in the same meters.
 */
class SharedEngineIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(AutoConfigurations.of(HttpServiceClientPropertiesAutoConfiguration.class,
				HttpServiceClientAutoConfiguration.class))
		.withUserConfiguration(GroupsAppConfiguration.class, Observations.class)
		.withPropertyValues("mesh.services.inventory.instances=" + servers.uris(),
				"mesh.services.inventory.load-balancer=round-robin", "mesh.services.inventory.retry.base-backoff=1ms",
				"mesh.services.inventory.outlier-detection.consecutive-failures=3");

	@Test
	void ejectionLearnedThroughTheGroupShouldSpareTheMeshClient() {
		servers.get(0).respondWith(503);
		this.contextRunner.run((context) -> {
			InventoryApi group = context.getBean(InventoryApi.class);
			for (int i = 0; i < 30; i++) {
				assertThat(group.item(Integer.toString(i))).doesNotContainEntry("server", "one");
			}
			assertThat(servers.get(0).hits()).isEqualTo(3);
			assertThat(MeshServiceGroupsIntegrationTests.isEjected(context, servers.get(0).uri().toString())).isTrue();
			InventoryMeshClient meshClient = context.getBean(InventoryMeshClient.class);
			for (int i = 0; i < 30; i++) {
				assertThat(meshClient.item(Integer.toString(i))).containsKey("server");
			}
			// Positive control above: the @MeshClient's calls were answered, by the
			// others.
			assertThat(servers.get(1).hits() + servers.get(2).hits()).isEqualTo(60);
			assertThat(servers.get(0).hits()).isEqualTo(3);
			Timer attempts = context.getBean(MeterRegistry.class)
				.get("mesh.client.attempts")
				.tags("service", "inventory", "status", "200")
				.timer();
			assertThat(attempts.count()).isEqualTo(60);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Observations {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meters) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			return registry;
		}

	}

}
