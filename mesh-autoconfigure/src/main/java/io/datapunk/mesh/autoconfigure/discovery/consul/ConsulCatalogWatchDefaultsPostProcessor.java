package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Switches spring-cloud-consul's catalog watch off by default while the mesh watches the
 * called services in Consul: the catalog watch lists every service once a second, only to
 * publish heartbeat events, and while Consul is down it logs an ERROR with a stack trace
 * at each try. The default is the last property source, so any setting of
 * {@value #CATALOG_WATCH} by the application wins; nothing is added when the mesh or its
 * Consul discovery is switched off. {@link LineEnvironmentPostProcessor} is the contract
 * of the Spring Boot line the class is compiled for.
 *
 * @author datapunk mesh team
 */
class ConsulCatalogWatchDefaultsPostProcessor implements LineEnvironmentPostProcessor, Ordered {

	static final String CATALOG_WATCH = "spring.cloud.consul.discovery.catalog-services-watch.enabled";

	static final String PROPERTY_SOURCE_NAME = "meshConsulDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (switchedOff(environment, "mesh.enabled") || switchedOff(environment, "mesh.discovery.consul.enabled")
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(CATALOG_WATCH, "false")));
	}

	/**
	 * Read a switch as text: a value that is not a boolean fails startup later, with the
	 * mesh's own message, not here.
	 */
	private static boolean switchedOff(ConfigurableEnvironment environment, String name) {
		return "false".equalsIgnoreCase(String.valueOf(environment.getProperty(name)).strip());
	}

	@Override
	public int getOrder() {
		// After the application's own configuration is loaded, so that mesh.enabled can
		// be read.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
