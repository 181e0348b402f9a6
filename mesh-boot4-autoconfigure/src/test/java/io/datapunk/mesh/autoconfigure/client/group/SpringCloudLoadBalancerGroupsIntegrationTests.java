package io.datapunk.mesh.autoconfigure.client.group;

import java.util.List;

import io.datapunk.mesh.autoconfigure.client.group.app.CatalogApi;
import io.datapunk.mesh.autoconfigure.client.group.app.GroupsAppConfiguration;
import io.datapunk.mesh.autoconfigure.client.group.app.InventoryApi;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.config.BlockingLoadBalancerClientAutoConfiguration;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud LoadBalancer's own HTTP service group configurer in the same application:
 * it balances the groups that are not mesh services ({@code lb://catalog}), and a mesh
 * group is balanced once, by the mesh. Spring Cloud's balancer knows only a decoy
 * instance, which the mesh does not know: a mesh call that reached it would have been
 * balanced by Spring Cloud.
 */
class SpringCloudLoadBalancerGroupsIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three", "decoy");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(AutoConfigurations.of(HttpServiceClientPropertiesAutoConfiguration.class,
				HttpServiceClientAutoConfiguration.class,
				org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration.class,
				BlockingLoadBalancerClientAutoConfiguration.class,
				org.springframework.cloud.client.loadbalancer.LoadBalancerAutoConfiguration.class))
		.withUserConfiguration(GroupsAppConfiguration.class, DecoyForEveryService.class)
		.withPropertyValues(
				"spring.http.serviceclient.catalog.base-url=lb://catalog", "mesh.services.inventory.instances="
						+ servers.get(0).uri() + "," + servers.get(1).uri() + "," + servers.get(2).uri(),
				"mesh.services.inventory.load-balancer=round-robin");

	@Test
	void meshGroupShouldBeBalancedByTheMeshOnly() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			// Positive control: Spring Cloud's configurer is on, and balances
			// lb://catalog.
			assertThat(context.getBean(CatalogApi.class).product("1")).containsEntry("server", "decoy")
				.containsEntry("path", "/products/1");
			InventoryApi inventory = context.getBean(InventoryApi.class);
			for (int i = 0; i < 30; i++) {
				assertThat(inventory.item(Integer.toString(i))).containsEntry("path", "/items/" + i);
			}
			for (int i = 0; i < 3; i++) {
				assertThat(servers.get(i).hits()).as("calls to server %s", servers.get(i).name()).isEqualTo(10);
			}
			assertThat(servers.get(3).hits()).isEqualTo(1);
			// Every request reached the instance with the logical host: nothing rewrote
			// it.
			assertThat(servers.get(0).received()).extracting(TestHttpServer.Received::host)
				.containsOnly("127.0.0.1:" + servers.get(0).port());
		});
	}

	/**
	 * Spring Cloud LoadBalancer's instances for every service: the decoy only.
	 */
	@Configuration(proxyBeanMethods = false)
	@LoadBalancerClients(defaultConfiguration = DecoyInstances.class)
	static class DecoyForEveryService {

	}

	static class DecoyInstances {

		@Bean
		ServiceInstanceListSupplier decoyInstances(Environment environment) {
			String serviceId = environment.getProperty("loadbalancer.client.name");
			TestHttpServer decoy = servers.get(3);
			ServiceInstance instance = new DefaultServiceInstance(serviceId + "-decoy", serviceId, "127.0.0.1",
					decoy.port(), false);
			return new ServiceInstanceListSupplier() {

				@Override
				public String getServiceId() {
					return serviceId;
				}

				@Override
				public Flux<List<ServiceInstance>> get() {
					return Flux.just(List.of(instance));
				}

			};
		}

	}

}
