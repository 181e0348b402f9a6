package io.datapunk.mesh.autoconfigure.client;

import io.datapunk.mesh.autoconfigure.client.reactive.InventoryClient;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.internal.client.MeshExchangeFilterFunction;
import io.datapunk.mesh.internal.client.WebClientProxies;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link MeshWebClientAutoConfiguration}.
 */
class MeshWebClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(MeshTestAutoConfigurations.webClient())
		.withConfiguration(AutoConfigurations.of(MeshWebClientAutoConfiguration.class));

	@Test
	void runShouldCreateMeshBuilderBesideSpringBootsOwn() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MeshExchangeFilterFunction.class).hasBean("meshWebClientBuilder");
			// Not a default candidate: a plain injection point still gets Spring Boot's.
			assertThat(context.getBean(WebClient.Builder.class)).isNotSameAs(context.getBean("meshWebClientBuilder"));
			// A new builder per injection point, as Spring Boot's.
			assertThat(context.getBean("meshWebClientBuilder")).isNotSameAs(context.getBean("meshWebClientBuilder"));
		});
	}

	@Test
	void runWithoutMeshShouldNotCreateMeshBuilder() {
		this.contextRunner.withPropertyValues("mesh.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(WebClient.Builder.class)
				.doesNotHaveBean("meshWebClientBuilder")
				.doesNotHaveBean(MeshExchangeFilterFunction.class));
	}

	@Test
	void runWithoutWebClientShouldNotCreateMeshBuilder() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("meshWebClientBuilder")
				.doesNotHaveBean(MeshExchangeFilterFunction.class));
	}

	@Test
	void runShouldServeReactiveMeshClientsWithWebClients() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WebClientProxies.class);
			InventoryClient client = context.getBean(MeshClientFactory.class).createClient(InventoryClient.class);
			assertThat(client).isNotNull();
		});
	}

	@Test
	void reactiveMeshClientWithoutWebClientShouldFailNamingItsReactiveMethods() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(MeshClientFactory.class).createClient(InventoryClient.class))
				.withMessageContaining(InventoryClient.class.getName())
				.withMessageContaining("methods [item, items, order, reserve] return reactive types"));
	}

}
