package io.datapunk.mesh.internal.discovery;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Joining the answers of several discovery clients.
 */
class CompositeMeshDiscoveryTests {

	@Test
	void instancesOfAllClientsShouldBeJoinedWithoutDuplicates() {
		DiscoveryClient first = new FixedClient("first", instance("a", "10.0.0.1", 80), instance("b", "10.0.0.2", 80));
		DiscoveryClient second = new FixedClient("second", instance("b2", "10.0.0.2", 80),
				instance("c", "10.0.0.3", 80));
		CompositeMeshDiscovery discovery = new CompositeMeshDiscovery(List.of(first, second));
		assertThat(discovery.getInstances("inventory")).extracting(ServiceInstance::getInstanceId)
			.containsExactly("a", "b", "c");
		assertThat(discovery.describeSources()).isEqualTo("first, second");
	}

	@Test
	void failingClientShouldNotHideTheOthers() {
		DiscoveryClient broken = new FixedClient("broken") {
			@Override
			public List<ServiceInstance> getInstances(String serviceId) {
				throw new IllegalStateException("registry down");
			}
		};
		DiscoveryClient working = new FixedClient("working", instance("a", "10.0.0.1", 80));
		CompositeMeshDiscovery discovery = new CompositeMeshDiscovery(List.of(broken, working));
		assertThat(discovery.getInstances("inventory")).extracting(ServiceInstance::getInstanceId).containsExactly("a");
	}

	@Test
	void unknownServiceShouldGiveAnEmptyList() {
		CompositeMeshDiscovery discovery = new CompositeMeshDiscovery(List.of(new FixedClient("empty")));
		assertThat(discovery.getInstances("inventory")).isEmpty();
	}

	private static ServiceInstance instance(String id, String host, int port) {
		return new DefaultServiceInstance(id, "inventory", host, port, false);
	}

	static class FixedClient implements DiscoveryClient {

		private final String description;

		private final List<ServiceInstance> instances;

		FixedClient(String description, ServiceInstance... instances) {
			this.description = description;
			this.instances = List.of(instances);
		}

		@Override
		public String description() {
			return this.description;
		}

		@Override
		public List<ServiceInstance> getInstances(String serviceId) {
			return "inventory".equals(serviceId) ? this.instances : List.of();
		}

		@Override
		public List<String> getServices() {
			return List.of("inventory");
		}

	}

}
