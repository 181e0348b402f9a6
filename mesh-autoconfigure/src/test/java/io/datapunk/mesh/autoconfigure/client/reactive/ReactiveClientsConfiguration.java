package io.datapunk.mesh.autoconfigure.client.reactive;

import io.datapunk.mesh.EnableMeshClients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the reactive {@code @MeshClient} interfaces of this package, as an
 * application's scan would.
 */
@Configuration(proxyBeanMethods = false)
@EnableMeshClients
class ReactiveClientsConfiguration {

	@Bean
	GuardedInventoryFallback guardedInventoryFallback() {
		return new GuardedInventoryFallback();
	}

}
