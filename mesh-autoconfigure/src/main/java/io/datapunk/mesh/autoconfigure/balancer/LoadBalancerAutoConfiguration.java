package io.datapunk.mesh.autoconfigure.balancer;

import io.datapunk.mesh.autoconfigure.config.ConditionalOnMeshEnabled;
import io.datapunk.mesh.autoconfigure.config.MeshAutoConfiguration;
import io.datapunk.mesh.internal.config.MeshSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import io.datapunk.mesh.internal.balancer.ConfiguredLoadBalancer;
import io.datapunk.mesh.spi.MeshLoadBalancer;
import io.datapunk.mesh.internal.balancer.InstanceLoads;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the mesh load balancer: each
 * service's strategy by name, over the instance loads the call pipeline reports. A
 * {@link MeshLoadBalancer} bean of the application's replaces it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MeshAutoConfiguration.class)
@ConditionalOnMeshEnabled
@ConditionalOnBean(MeshSettings.class)
public class LoadBalancerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InstanceLoads meshInstanceLoads() {
		return new InstanceLoads();
	}

	@Bean
	@ConditionalOnMissingBean(MeshLoadBalancer.class)
	ConfiguredLoadBalancer meshLoadBalancer(MeshSettings settings, InstanceLoads loads) {
		return new ConfiguredLoadBalancer(settings, loads);
	}

}
