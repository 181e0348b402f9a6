package io.datapunk.mesh.benchmarks.load.springcloud;

import io.datapunk.mesh.benchmarks.load.Item;

import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;

/**
 * Wraps each call in a Spring Cloud circuit breaker, as the reference documentation does:
 * {@code factory.create(name).run(...)} per call, here without a fallback so that every
 * failure reaches the caller.
 *
 * @author datapunk mesh team
 */
class InventoryService {

	private final InventoryApi api;

	private final CircuitBreakerFactory<?, ?> circuitBreakers;

	InventoryService(InventoryApi api, CircuitBreakerFactory<?, ?> circuitBreakers) {
		this.api = api;
		this.circuitBreakers = circuitBreakers;
	}

	Item item(String id) {
		return this.circuitBreakers.create("inventory").run(() -> this.api.item(id));
	}

}
