package io.datapunk.mesh.autoconfigure.client;

import java.util.List;

import io.datapunk.mesh.spi.MeshLoadBalancer;
import io.datapunk.mesh.internal.balancer.ConfiguredLoadBalancer;
import io.datapunk.mesh.autoconfigure.client.scan.app.InventoryClient;
import io.datapunk.mesh.autoconfigure.client.scan.app.ScanAppConfiguration;
import io.datapunk.mesh.autoconfigure.client.scan.bad.EnableBadClientsConfiguration;
import io.datapunk.mesh.autoconfigure.client.scan.other.EnableOtherClientsConfiguration;
import io.datapunk.mesh.autoconfigure.client.scan.other.ShippingClient;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.InvalidServiceNameException;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory;
import io.datapunk.mesh.MeshClient;

/**
 * Wiring of the mesh client: which beans exist with defaults, when disabled, when the
 * user brings their own, and when an optional library is missing.
 */
class MeshClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withUserConfiguration(ScanAppConfiguration.class);

	@Test
	void runWithDefaultsShouldCreateMeshBeansAndClients() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MeshSettings.class)
				.hasSingleBean(CachingMeshDiscovery.class)
				.hasSingleBean(ConfiguredLoadBalancer.class)
				.hasSingleBean(MeshClientHttpRequestFactory.class)
				.hasSingleBean(MeshClientFactory.class)
				.hasSingleBean(InventoryClient.class)
				.hasBean("meshRestClientBuilder");
			assertThat(context).doesNotHaveBean(ShippingClient.class);
		});
	}

	@Test
	void runWhenDisabledShouldCreateNoMeshBeanAndNoClient() {
		this.contextRunner.withUserConfiguration(EnableOtherClientsConfiguration.class)
			.withPropertyValues("mesh.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(MeshSettings.class)
					.doesNotHaveBean(MeshDiscovery.class)
					.doesNotHaveBean(MeshLoadBalancer.class)
					.doesNotHaveBean(MeshClientHttpRequestFactory.class)
					.doesNotHaveBean(MeshClientFactory.class)
					.doesNotHaveBean(InventoryClient.class)
					.doesNotHaveBean(ShippingClient.class)
					.doesNotHaveBean("meshRestClientBuilder");
			});
	}

	@Test
	void userLoadBalancerShouldReplaceTheMeshOne() {
		MeshLoadBalancer first = (serviceId, instances) -> instances.get(0);
		this.contextRunner.withBean(MeshLoadBalancer.class, () -> first).run((context) -> {
			assertThat(context).hasSingleBean(MeshLoadBalancer.class).doesNotHaveBean(ConfiguredLoadBalancer.class);
			assertThat(context.getBean(MeshLoadBalancer.class)).isSameAs(first);
		});
	}

	@Test
	void userDiscoveryShouldReplaceTheMeshOne() {
		MeshDiscovery none = new MeshDiscovery() {
			@Override
			public List<org.springframework.cloud.client.ServiceInstance> getInstances(String serviceId) {
				return List.of();
			}

			@Override
			public String describeSources() {
				return "nothing";
			}
		};
		this.contextRunner.withBean(MeshDiscovery.class, () -> none)
			.run((context) -> assertThat(context.getBean(MeshDiscovery.class)).isSameAs(none));
	}

	@Test
	void runWithoutRestClientOnClassPathShouldBackOffClientBeansButKeepDiscovery() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestClient.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(CachingMeshDiscovery.class)
				.doesNotHaveBean(MeshClientHttpRequestFactory.class)
				.doesNotHaveBean(MeshClientFactory.class)
				.doesNotHaveBean(InventoryClient.class);
		});
	}

	@Test
	void enableMeshClientsShouldAddAnotherPackage() {
		this.contextRunner.withUserConfiguration(EnableOtherClientsConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(ShippingClient.class)
				.hasSingleBean(InventoryClient.class));
	}

	@Test
	void meshClientWithBadServiceNameShouldFailStartupNamingTheInterface() {
		this.contextRunner.withUserConfiguration(EnableBadClientsConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidServiceNameException.class)
				.hasMessageContaining("\"Bad_Name\"")
				.hasMessageContaining("@MeshClient on io.datapunk.mesh.autoconfigure.client.scan.bad.BadNameClient");
		});
	}

	@Test
	void meshBuilderShouldNotBeTheDefaultRestClientBuilder() {
		this.contextRunner.run((context) -> {
			assertThat(((org.springframework.beans.factory.support.AbstractBeanDefinition) context.getBeanFactory()
				.getBeanDefinition("meshRestClientBuilder")).isDefaultCandidate()).isFalse();
			// Unqualified injection still resolves to Spring Boot's builder, without
			// ambiguity.
			assertThat(context.getBeanNamesForType(RestClient.Builder.class)).contains("restClientBuilder",
					"meshRestClientBuilder");
			assertThat(context.getBean(RestClient.Builder.class)).isNotNull();
		});
	}

}
