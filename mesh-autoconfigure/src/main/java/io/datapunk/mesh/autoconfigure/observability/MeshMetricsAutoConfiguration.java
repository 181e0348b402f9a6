package io.datapunk.mesh.autoconfigure.observability;

import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.discovery.consul.ConsulRegistrationState;
import io.datapunk.mesh.internal.health.MeshServices;
import io.datapunk.mesh.autoconfigure.health.MeshServicesAutoConfiguration;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import io.datapunk.mesh.internal.observability.MeshMeterFilter;
import io.datapunk.mesh.internal.observability.MeshMetrics;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the mesh's meters. The per-call
 * ({@code mesh.client.requests}) and per-attempt ({@code mesh.client.attempts}) timers
 * come from observations, so they need no binder; a {@link MeshMeterFilter} gives them
 * histogram buckets and help text.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MeshServicesAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeshServices.class, ResilienceRegistry.class })
public class MeshMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MeshMetrics meshMetrics(ResilienceRegistry resilience, MeshServices services,
			ObjectProvider<CachingMeshDiscovery> cache, ObjectProvider<ConsulRegistrationState> registration) {
		return new MeshMetrics(resilience, services, cache.getIfAvailable(), registration.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	MeshMeterFilter meshMeterFilter() {
		return new MeshMeterFilter();
	}

}
