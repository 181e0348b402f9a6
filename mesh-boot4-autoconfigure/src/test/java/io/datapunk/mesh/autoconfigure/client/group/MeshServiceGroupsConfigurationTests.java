package io.datapunk.mesh.autoconfigure.client.group;

import io.datapunk.mesh.InvalidMeshPropertyException;
import io.datapunk.mesh.ServiceNotFoundException;
import io.datapunk.mesh.autoconfigure.client.group.app.BillingApi;
import io.datapunk.mesh.autoconfigure.client.group.app.CatalogApi;
import io.datapunk.mesh.autoconfigure.client.group.app.GroupsAppConfiguration;
import io.datapunk.mesh.autoconfigure.client.group.app.InventoryApi;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which HTTP service groups the mesh takes, and what it does with their base URL.
 */
class MeshServiceGroupsConfigurationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "direct");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(AutoConfigurations.of(HttpServiceClientPropertiesAutoConfiguration.class,
				HttpServiceClientAutoConfiguration.class))
		.withUserConfiguration(GroupsAppConfiguration.class)
		.withPropertyValues("mesh.services.inventory.instances=" + servers.get(0).uri(),
				"spring.http.serviceclient.catalog.base-url=" + servers.get(1).uri());

	@Test
	void runShouldCreateTheGroupConfigurer() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(MeshRestClientHttpServiceGroupConfigurer.class));
	}

	@Test
	void runWhenMeshDisabledShouldLeaveGroupsAlone() {
		this.contextRunner.withPropertyValues("mesh.enabled=false").run((context) -> {
			assertThat(context.getBean(CatalogApi.class).product("1")).containsEntry("server", "direct");
			assertThat(context).doesNotHaveBean(MeshRestClientHttpServiceGroupConfigurer.class);
		});
	}

	@Test
	void groupWithoutBaseUrlShouldBeLookedUpAsAService() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(InventoryApi.class).item("1")).containsEntry("server", "one");
			// No mesh.services entry and no base-url: the group's name is the service.
			assertThatExceptionOfType(ServiceNotFoundException.class)
				.isThrownBy(() -> context.getBean(BillingApi.class).invoices())
				.satisfies((ex) -> assertThat(ex.getServiceId()).isEqualTo("billing"));
			assertThat(servers.get(0).hits()).isEqualTo(1);
		});
	}

	@Test
	void baseUrlNamingTheServiceShouldKeepItsPath() {
		this.contextRunner.withPropertyValues("spring.http.serviceclient.inventory.base-url=http://inventory/api/v2")
			.run((context) -> assertThat(context.getBean(InventoryApi.class).item("5")).containsEntry("server", "one")
				.containsEntry("path", "/api/v2/items/5"));
	}

	@Test
	void baseUrlElsewhereOnAMeshServiceShouldStopStartupNamingTheGroup() {
		this.contextRunner
			.withPropertyValues("spring.http.serviceclient.inventory.base-url=" + servers.get(1).uri() + "/api")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidMeshPropertyException.class)
					.hasMessageContaining("spring.http.serviceclient.inventory.base-url")
					.hasMessageContaining(servers.get(1).uri() + "/api")
					.hasMessageContaining("group 'inventory', which is a mesh service");
			});
	}

	@Test
	void rejectedBaseUrlShouldNotShowItsCredentialsNorQuery() {
		this.contextRunner
			.withPropertyValues(
					"spring.http.serviceclient.inventory.base-url=https://scott:tiger@inventory/api?token=s3cr3t")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidMeshPropertyException.class)
					.hasMessageContaining("\"https://***@inventory/api?***\"")
					.message()
					.doesNotContain("tiger")
					.doesNotContain("s3cr3t");
			});
	}

}
