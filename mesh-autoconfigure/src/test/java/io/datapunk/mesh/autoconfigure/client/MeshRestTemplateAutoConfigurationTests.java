package io.datapunk.mesh.autoconfigure.client;

import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.MovedInBoot4;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MeshRestTemplateAutoConfiguration}.
 */
class MeshRestTemplateAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(MeshTestAutoConfigurations.restTemplate())
		.withConfiguration(AutoConfigurations.of(MeshRestTemplateAutoConfiguration.class));

	@Test
	void runShouldCreateMeshBuilderBesideSpringBootsOwn() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("meshRestTemplateBuilder");
			// Not a default candidate: a plain injection point still gets Spring Boot's.
			assertThat(context.getBean(MovedInBoot4.restTemplateBuilder()))
				.isNotSameAs(context.getBean("meshRestTemplateBuilder"));
		});
	}

	@Test
	void runWithoutMeshShouldNotCreateMeshBuilder() {
		this.contextRunner.withPropertyValues("mesh.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(MovedInBoot4.restTemplateBuilder())
				.doesNotHaveBean("meshRestTemplateBuilder");
		});
	}

	@Test
	void runWithUserBuilderShouldBackOff() {
		var own = MovedInBoot4.newRestTemplateBuilder();
		this.contextRunner.withBean("meshRestTemplateBuilder", MovedInBoot4.restTemplateBuilder(), () -> own)
			.run((context) -> assertThat(context.getBean("meshRestTemplateBuilder")).isSameAs(own));
	}

	@Test
	void runWithoutRestTemplateBuilderShouldNotCreateMeshBuilder() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MovedInBoot4.restTemplateBuilder()))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("meshRestTemplateBuilder"));
	}

}
