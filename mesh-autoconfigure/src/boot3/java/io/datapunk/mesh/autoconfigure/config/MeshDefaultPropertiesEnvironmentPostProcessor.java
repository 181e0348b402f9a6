package io.datapunk.mesh.autoconfigure.config;

import java.util.Map;

import org.springframework.boot.DefaultPropertiesPropertySource;
import org.springframework.boot.SpringApplication;

import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Adds defaults, at the lowest precedence (any property source of the application
 * overrides them), that keep a healthy mesh application's log free of warnings its user
 * cannot act on: Spring Cloud LoadBalancer, which Consul discovery brings but the mesh
 * does not use, warns at every start that it caches without Caffeine. Only that warning's
 * logger is quietened: an application that uses Spring Cloud LoadBalancer keeps its
 * behaviour, and {@code logging.level} brings the warning back.
 *
 * @author datapunk mesh team
 */
class MeshDefaultPropertiesEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String CACHE_WARNING_LEVEL = "logging.level[org.springframework.cloud.loadbalancer.config."
			+ "LoadBalancerCacheAutoConfiguration$LoadBalancerCaffeineWarnLogger]";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		DefaultPropertiesPropertySource.addOrMerge(Map.of(CACHE_WARNING_LEVEL, "error"),
				environment.getPropertySources());
	}

}
