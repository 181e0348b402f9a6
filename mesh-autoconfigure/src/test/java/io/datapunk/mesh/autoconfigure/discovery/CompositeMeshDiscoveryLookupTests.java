package io.datapunk.mesh.autoconfigure.discovery;

import io.datapunk.mesh.autoconfigure.config.MeshSettingsResolver;
import java.util.List;

import io.datapunk.mesh.autoconfigure.config.MeshProperties;
import io.datapunk.mesh.internal.config.MeshSettings;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.internal.discovery.DiscoveryResult;
import io.datapunk.mesh.internal.discovery.StaticDiscoveryClient;

/**
 * {@link CompositeMeshDiscovery#lookup}: static instances apart, and a failure told from
 * an empty answer without one broken source hiding the others.
 */
class CompositeMeshDiscoveryLookupTests {

	private final StaticDiscoveryClient configured = staticClient("http://10.0.0.9:8080");

	@Test
	void lookupShouldKeepStaticInstancesApartFromDiscoveredOnes() {
		CompositeMeshDiscovery discovery = new CompositeMeshDiscovery(
				List.of(this.configured, client("consul", instance("10.0.0.1"), instance("10.0.0.9"))));
		DiscoveryResult result = discovery.lookup("inventory");
		assertThat(result.configured()).extracting(ServiceInstance::getHost).containsExactly("10.0.0.9");
		assertThat(result.discovered()).extracting(ServiceInstance::getHost).containsExactly("10.0.0.1", "10.0.0.9");
		assertThat(result.instances()).extracting(ServiceInstance::getHost).containsExactly("10.0.0.9", "10.0.0.1");
		assertThat(result.failed()).isFalse();
		assertThat(discovery.configuredInstances("inventory")).extracting(ServiceInstance::getHost)
			.containsExactly("10.0.0.9");
		assertThat(discovery.hasDiscoveryClients()).isTrue();
	}

	@Test
	void lookupShouldFailWhenEverySourceThatCouldKnowTheServiceFailed() {
		CompositeMeshDiscovery discovery = new CompositeMeshDiscovery(
				List.of(this.configured, broken("consul"), client("simple")));
		DiscoveryResult result = discovery.lookup("inventory");
		assertThat(result.failed()).isTrue();
		assertThat(result.failedSources()).containsExactly("consul");
		// The static instances are still there to serve.
		assertThat(result.instances()).extracting(ServiceInstance::getHost).containsExactly("10.0.0.9");
	}

	@Test
	void lookupShouldNotFailWhenAnotherSourceAnswered() {
		CompositeMeshDiscovery discovery = new CompositeMeshDiscovery(
				List.of(broken("consul"), client("dns", instance("10.0.0.2"))));
		DiscoveryResult result = discovery.lookup("inventory");
		assertThat(result.failed()).isFalse();
		assertThat(result.failedSources()).containsExactly("consul");
		assertThat(result.instances()).extracting(ServiceInstance::getHost).containsExactly("10.0.0.2");
	}

	@Test
	void staticInstancesAloneShouldHaveNoDiscoveryClients() {
		assertThat(new CompositeMeshDiscovery(List.of(this.configured)).hasDiscoveryClients()).isFalse();
	}

	private static StaticDiscoveryClient staticClient(String uri) {
		MeshProperties properties = new MeshProperties();
		MeshProperties.Service service = new MeshProperties.Service();
		service.setInstances(List.of(java.net.URI.create(uri)));
		properties.getServices().put("inventory", service);
		return new StaticDiscoveryClient(MeshSettingsResolver.resolve(properties, "storefront"));
	}

	private static ServiceInstance instance(String host) {
		return new DefaultServiceInstance(null, "inventory", host, 8080, false);
	}

	private static DiscoveryClient client(String name, ServiceInstance... instances) {
		return new DiscoveryClient() {

			@Override
			public String description() {
				return name;
			}

			@Override
			public List<ServiceInstance> getInstances(String serviceId) {
				return List.of(instances);
			}

			@Override
			public List<String> getServices() {
				return List.of("inventory");
			}

		};
	}

	private static DiscoveryClient broken(String name) {
		return new DiscoveryClient() {

			@Override
			public String description() {
				return name;
			}

			@Override
			public List<ServiceInstance> getInstances(String serviceId) {
				throw new IllegalStateException(name + " is down");
			}

			@Override
			public List<String> getServices() {
				return List.of();
			}

		};
	}

}
