package io.datapunk.mesh.autoconfigure.client;

import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.client.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.client.RestTemplateBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MeshRestTemplateAutoConfiguration}.
 */
class MeshRestTemplateAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(
				AutoConfigurations.of(RestTemplateAutoConfiguration.class, MeshRestTemplateAutoConfiguration.class));

	@Test
	void runShouldCreateMeshBuilderBesideSpringBootsOwn() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("meshRestTemplateBuilder");
			// Not a default candidate: a plain injection point still gets Spring Boot's.
			assertThat(context.getBean(RestTemplateBuilder.class))
				.isNotSameAs(context.getBean("meshRestTemplateBuilder"));
		});
	}

	@Test
	void runWithoutMeshShouldNotCreateMeshBuilder() {
		this.contextRunner.withPropertyValues("mesh.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(RestTemplateBuilder.class).doesNotHaveBean("meshRestTemplateBuilder");
		});
	}

	@Test
	void runWithUserBuilderShouldBackOff() {
		RestTemplateBuilder own = new RestTemplateBuilder();
		this.contextRunner.withBean("meshRestTemplateBuilder", RestTemplateBuilder.class, () -> own)
			.run((context) -> assertThat(context.getBean("meshRestTemplateBuilder")).isSameAs(own));
	}

	@Test
	void runWithoutRestTemplateBuilderShouldNotCreateMeshBuilder() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestTemplateBuilder.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("meshRestTemplateBuilder"));
	}

}
