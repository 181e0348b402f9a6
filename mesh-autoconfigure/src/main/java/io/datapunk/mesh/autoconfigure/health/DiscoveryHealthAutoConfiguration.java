package io.datapunk.mesh.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.discovery.health.DiscoveryClientHealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that keeps Spring Cloud's discovery
 * health from reporting {@code UNKNOWN} in an application without a service registry.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(DiscoveryClientHealthIndicator.class)
public class DiscoveryHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static DiscoveryHealthInitializer meshDiscoveryHealthInitializer(ApplicationContext context) {
		return new DiscoveryHealthInitializer(context);
	}

}
