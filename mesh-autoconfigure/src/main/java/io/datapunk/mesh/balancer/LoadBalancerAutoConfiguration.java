package io.datapunk.mesh.balancer;

import io.datapunk.mesh.config.ConditionalOnMeshEnabled;
import io.datapunk.mesh.config.MeshAutoConfiguration;
import io.datapunk.mesh.config.MeshSettings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

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
