package io.datapunk.mesh.autoconfigure.discovery;

import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.spi.MeshDiscovery;

/**
 * The mesh lookup joins static instances with Spring Cloud discovery clients.
 */
class DiscoveryAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MeshAutoConfiguration.class, DiscoveryAutoConfiguration.class));

	@Test
	void staticInstancesShouldBeFound() {
		this.contextRunner.withPropertyValues("mesh.services.inventory.instances=http://10.0.0.1:8080,https://10.0.0.2")
			.run((context) -> assertThat(context.getBean(MeshDiscovery.class).getInstances("inventory"))
				.extracting(ServiceInstance::getUri)
				.extracting(Object::toString)
				.containsExactly("http://10.0.0.1:8080", "https://10.0.0.2:443"));
	}

	@Test
	void springCloudDiscoveryClientsShouldBeJoinedAfterStaticInstances() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
					SimpleDiscoveryClientAutoConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class))
			.withPropertyValues("mesh.services.inventory.instances=http://10.0.0.1:8080",
					"spring.cloud.discovery.client.simple.instances.inventory[0].uri=http://10.0.0.3:8080",
					"spring.cloud.discovery.client.simple.instances.inventory[1].uri=http://10.0.0.1:8080",
					"spring.cloud.discovery.client.simple.instances.billing[0].uri=http://10.0.0.4:8080")
			.run((context) -> {
				MeshDiscovery discovery = context.getBean(MeshDiscovery.class);
				assertThat(discovery.getInstances("inventory")).extracting(ServiceInstance::getHost)
					.containsExactly("10.0.0.1", "10.0.0.3");
				assertThat(discovery.getInstances("billing")).extracting(ServiceInstance::getHost)
					.containsExactly("10.0.0.4");
				assertThat(discovery.describeSources()).isEqualTo("mesh.services.*.instances, Simple Discovery Client");
			});
	}

}
