package io.datapunk.mesh.autoconfigure.client;

import io.datapunk.mesh.MeshRestTemplate;
import io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.web.client.RestTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.web.client.RestTemplateBuilderConfigurer;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the
 * {@link MeshRestTemplate @MeshRestTemplate} {@link RestTemplateBuilder}: Spring Boot's
 * builder (message converters, customizers) whose templates send their requests through
 * the mesh's request factory. This class has a twin of the same name on the Spring Boot 4
 * line, where the builder lives in another package.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { MeshClientAutoConfiguration.class, RestTemplateAutoConfiguration.class })
@ConditionalOnClass(RestTemplateBuilder.class)
@ConditionalOnBean(MeshClientHttpRequestFactory.class)
public class MeshRestTemplateAutoConfiguration {

	/**
	 * A mesh-aware builder. Not a default candidate: only
	 * {@link MeshRestTemplate @MeshRestTemplate} injection points get it, and Spring
	 * Boot's own builder stays the unqualified one.
	 * @param configurer Spring Boot's builder configurer, absent in a reactive web
	 * application
	 * @param requestFactory the mesh's request factory
	 * @return the builder
	 */
	@Bean(defaultCandidate = false)
	@MeshRestTemplate
	@ConditionalOnMissingBean(name = "meshRestTemplateBuilder")
	RestTemplateBuilder meshRestTemplateBuilder(ObjectProvider<RestTemplateBuilderConfigurer> configurer,
			MeshClientHttpRequestFactory requestFactory) {
		RestTemplateBuilder builder = configurer.getIfAvailable(RestTemplateBuilderConfigurer::new)
			.configure(new RestTemplateBuilder());
		// The application's client settings are ignored here, not lost: the mesh applies
		// them (and each service's own timeouts) to the transports that carry attempts.
		return builder.requestFactoryBuilder((settings) -> requestFactory);
	}

}
