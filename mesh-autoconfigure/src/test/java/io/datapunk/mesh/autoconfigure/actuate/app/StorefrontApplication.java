package io.datapunk.mesh.autoconfigure.actuate.app;

import java.util.Map;

import io.datapunk.mesh.MeshClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;
import io.datapunk.mesh.autoconfigure.actuate.app.TestUserFilter;

/**
 * A web application with the whole mesh auto-configuration and Actuator, calling two
 * services: {@code inventory} and {@code payments}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class StorefrontApplication {

	@Bean
	TestUserFilter testUserFilter() {
		return new TestUserFilter();
	}

	@MeshClient("inventory")
	public interface InventoryClient {

		@GetExchange("/items/{id}")
		Map<String, Object> item(@PathVariable String id);

	}

	@MeshClient("payments")
	public interface PaymentsClient {

		@GetExchange("/payments/{id}")
		Map<String, Object> payment(@PathVariable String id);

	}

}
