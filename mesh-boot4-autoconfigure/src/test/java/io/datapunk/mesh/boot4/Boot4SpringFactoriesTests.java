package io.datapunk.mesh.boot4;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mesh's environment post-processors run on Boot 4 through Boot 4's own contract and
 * {@code spring.factories} key, not the 3.5 ones that Boot 4 deprecated for removal, and
 * this module's {@code spring.factories} lists what the shared one of mesh-autoconfigure
 * lists, but for that key.
 */
class Boot4SpringFactoriesTests {

	private static final String OLD_KEY = "org.springframework.boot.env.EnvironmentPostProcessor";

	private static final String NEW_KEY = EnvironmentPostProcessor.class.getName();

	private static final List<String> POST_PROCESSORS = List.of(
			"io.datapunk.mesh.autoconfigure.config.MeshDefaultPropertiesEnvironmentPostProcessor",
			"io.datapunk.mesh.autoconfigure.discovery.consul.ConsulCatalogWatchDefaultsPostProcessor");

	@Test
	void postProcessorsShouldBeAppliedAtStartup() {
		SpringApplication application = new SpringApplication(EmptyConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off")) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("logging.level[org.springframework.cloud.loadbalancer.config."
					+ "LoadBalancerCacheAutoConfiguration$LoadBalancerCaffeineWarnLogger]"))
				.isEqualTo("error");
			assertThat(environment.getProperty("spring.cloud.consul.discovery.catalog-services-watch.enabled"))
				.isEqualTo("false");
		}
	}

	@Test
	void factoriesShouldBeTheSharedOnesWithThePostProcessorsUnderBoot4sKey() throws Exception {
		Properties shared = PropertiesLoaderUtils.loadProperties(
				new FileSystemResource("../mesh-autoconfigure/src/main/resources/META-INF/spring.factories"));
		Properties boot4 = ownFactories();
		// Positive control: the shared file lists the post-processors under the 3.5 key.
		assertThat(shared.getProperty(OLD_KEY).split(",")).containsExactlyElementsOf(POST_PROCESSORS);
		assertThat(boot4.getProperty(NEW_KEY).split(",")).containsExactlyElementsOf(POST_PROCESSORS);
		assertThat(boot4).doesNotContainKey(OLD_KEY);
		shared.remove(OLD_KEY);
		boot4.remove(NEW_KEY);
		assertThat(boot4).isEqualTo(shared);
	}

	/** This module's file, not another jar's or the test resources' one. */
	private static Properties ownFactories() throws IOException, URISyntaxException {
		Path classes = Path.of(MeshAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		return PropertiesLoaderUtils
			.loadProperties(new FileSystemResource(classes.resolve("META-INF/spring.factories")));
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
