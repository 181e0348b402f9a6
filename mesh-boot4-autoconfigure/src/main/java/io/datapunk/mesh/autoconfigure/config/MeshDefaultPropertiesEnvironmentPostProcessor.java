package io.datapunk.mesh.autoconfigure.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Adds defaults, at the lowest precedence (any property source of the application
 * overrides them), that keep a healthy mesh application's log free of warnings its user
 * cannot act on: Spring Cloud LoadBalancer, which Consul discovery brings but the mesh
 * does not use, warns at every start that it caches without Caffeine. Only that warning's
 * logger is quietened: an application that uses Spring Cloud LoadBalancer keeps its
 * behaviour, and {@code logging.level} brings the warning back.
 *
 * <p>
 * Boot 4 twin of the 3.5 class ({@code DefaultPropertiesPropertySource} moved to
 * {@code org.springframework.boot.env}). It implements Boot 4's
 * {@code org.springframework.boot.EnvironmentPostProcessor}, under whose key this
 * module's {@code spring.factories} lists it: the 3.5 contract is deprecated for removal
 * in Boot 4.
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
