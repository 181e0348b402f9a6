package io.datapunk.mesh.autoconfigure.resilience.app;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import io.datapunk.mesh.autoconfigure.resilience.app.OrdersClient;
import io.datapunk.mesh.autoconfigure.resilience.app.OrdersFallback;

/**
 * An application with one mesh client, {@link OrdersClient}, and its fallback.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class ResilienceAppConfiguration {

	@Bean
	OrdersFallback ordersFallback() {
		return new OrdersFallback();
	}

}
