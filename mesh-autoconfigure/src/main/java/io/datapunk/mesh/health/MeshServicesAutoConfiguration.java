package io.datapunk.mesh.health;

import io.datapunk.mesh.config.ConditionalOnMeshEnabled;
import io.datapunk.mesh.config.MeshSettings;
import io.datapunk.mesh.discovery.DiscoveryAutoConfiguration;
import io.datapunk.mesh.discovery.MeshDiscovery;
import io.datapunk.mesh.resilience.ResilienceAutoConfiguration;
import io.datapunk.mesh.resilience.ResilienceRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for {@link MeshServices}, the one
 * reader of the called services' state that health, the status endpoint and metrics
 * share.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { DiscoveryAutoConfiguration.class, ResilienceAutoConfiguration.class })
@ConditionalOnMeshEnabled
@ConditionalOnBean({ MeshSettings.class, MeshDiscovery.class, ResilienceRegistry.class })
public class MeshServicesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeshServices meshServices(MeshSettings settings, MeshDiscovery discovery, ResilienceRegistry resilience) {
		return new MeshServices(settings, discovery, resilience);
	}

}
