package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.datapunk.mesh.test.NoExternalServices;
import io.datapunk.mesh.test.consul.TestConsul;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Real applications with the mesh and spring-cloud-consul, pointed at a
 * {@link TestConsul} agent, for the Consul integration tests.
 */
public final class ConsulTestApplications {

	private ConsulTestApplications() {
	}

	/**
	 * Start a web application named {@code storefront} on 127.0.0.1 and a free port,
	 * which registers itself with an HTTP check on its Actuator health endpoint.
	 * @param consul the agent
	 * @param properties more properties
	 * @return the running application
	 */
	public static ConfigurableApplicationContext web(TestConsul consul, String... properties) {
		return start(WebApplicationType.SERVLET, consul, properties);
	}

	/**
	 * Start an application without a web server (so nothing registers): a mesh client.
	 * @param consul the agent
	 * @param properties more properties
	 * @return the running application
	 */
	public static ConfigurableApplicationContext client(TestConsul consul, String... properties) {
		return start(WebApplicationType.NONE, consul, properties);
	}

	private static ConfigurableApplicationContext start(WebApplicationType type, TestConsul consul,
			String... properties) {
		List<String> all = new ArrayList<>(List.of(consul.properties()));
		all.addAll(List.of("spring.application.name=storefront", "server.port=0", NoExternalServices.NO_REDIS,
				"server.address=127.0.0.1", "spring.cloud.consul.discovery.prefer-ip-address=true",
				"spring.cloud.consul.discovery.ip-address=127.0.0.1",
				"spring.cloud.consul.discovery.health-check-interval=1s",
				"mesh.discovery.consul.registration.check-interval=500ms", "spring.main.banner-mode=off"));
		// As command-line arguments: they win over what Spring Boot derives (the
		// version).
		String[] args = Arrays.stream(properties).map((property) -> "--" + property).toArray(String[]::new);
		return new SpringApplicationBuilder(App.class).web(type).properties(all.toArray(String[]::new)).run(args);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
