package io.datapunk.mesh.autoconfigure.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import io.datapunk.mesh.internal.config.MeshSettings;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the mesh configuration: binds
 * and validates {@code mesh.*} and resolves it into {@link MeshSettings}.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnMeshEnabled
@EnableConfigurationProperties(MeshProperties.class)
public class MeshAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeshSettings meshSettings(MeshProperties properties, Environment environment) {
		return MeshSettingsResolver.resolve(properties, environment.getProperty("spring.application.name"));
	}

}
