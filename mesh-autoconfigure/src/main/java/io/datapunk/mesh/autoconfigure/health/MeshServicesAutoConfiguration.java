package io.datapunk.mesh.autoconfigure.health;

import io.datapunk.mesh.autoconfigure.config.ConditionalOnMeshEnabled;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.autoconfigure.discovery.DiscoveryAutoConfiguration;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.autoconfigure.resilience.ResilienceAutoConfiguration;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import io.datapunk.mesh.internal.health.MeshServices;

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
