package io.datapunk.mesh.benchmarks.load.springcloudreactive;

import io.datapunk.mesh.benchmarks.load.Item;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;

/**
 * Wraps each call in a Spring Cloud reactive circuit breaker, as the reference
 * documentation does: {@code factory.create(name).run(mono)} per call, here without a
 * fallback so that every failure reaches the caller.
 *
 * @author datapunk mesh team
 */
class ReactiveInventoryService {

	private final ReactiveInventoryApi api;

	private final ReactiveCircuitBreakerFactory<?, ?> circuitBreakers;

	ReactiveInventoryService(ReactiveInventoryApi api, ReactiveCircuitBreakerFactory<?, ?> circuitBreakers) {
		this.api = api;
		this.circuitBreakers = circuitBreakers;
	}

	Mono<Item> item(String id) {
		return this.circuitBreakers.create("inventory").run(this.api.item(id));
	}

}
