package io.datapunk.mesh.autoconfigure.client.group;

import io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.spi.MeshClientCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.autoconfigure.HttpClientProperties;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sends the HTTP service groups ({@code @ImportHttpServices}) that are mesh services
 * through the mesh; imported by the Spring Boot 4 {@code MeshClientAutoConfiguration},
 * whose request factory it shares with the {@code @MeshClient} beans. Which groups
 * qualify, and the base URL they get, is described in the README and on the configurer.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer")
public class MeshHttpServiceGroupConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "meshRestClientHttpServiceGroupConfigurer")
	MeshRestClientHttpServiceGroupConfigurer meshRestClientHttpServiceGroupConfigurer(MeshSettings settings,
			MeshClientHttpRequestFactory requestFactory, ObjectProvider<HttpServiceClientProperties> groupProperties,
			ObjectProvider<MeshClientCustomizer> customizers) {
		// Without Boot's group properties no group has a base URL from configuration.
		HttpServiceClientProperties properties = groupProperties.getIfAvailable();
		MeshServiceGroups meshGroups = new MeshServiceGroups(settings.configuredServices(),
				(group) -> baseUrlOf(properties, group));
		return new MeshRestClientHttpServiceGroupConfigurer(meshGroups, requestFactory,
				customizers.orderedStream().toList());
	}

	private static String baseUrlOf(HttpServiceClientProperties properties, String group) {
		HttpClientProperties groupProperties = (properties != null) ? properties.get(group) : null;
		return (groupProperties != null) ? groupProperties.getBaseUrl() : null;
	}

}
