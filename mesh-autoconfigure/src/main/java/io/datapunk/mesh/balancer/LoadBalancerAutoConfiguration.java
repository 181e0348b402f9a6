package io.datapunk.mesh.balancer;

import io.datapunk.mesh.config.ConditionalOnMeshEnabled;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the mesh load balancer.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnMeshEnabled
public class LoadBalancerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(MeshLoadBalancer.class)
	RoundRobinLoadBalancer meshLoadBalancer() {
		return new RoundRobinLoadBalancer();
	}

}
