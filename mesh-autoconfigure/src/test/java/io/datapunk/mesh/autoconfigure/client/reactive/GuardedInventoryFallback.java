package io.datapunk.mesh.autoconfigure.client.reactive;

import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers for {@link GuardedInventoryClient} when the mesh cannot.
 */
class GuardedInventoryFallback implements GuardedInventoryClient {

	@Override
	public Mono<Map<String, Object>> item(int id) {
		return Mono.just(Map.of("server", "fallback", "id", id));
	}

	@Override
	public Flux<Map<String, Object>> items() {
		return Flux.just(Map.of("server", "fallback"));
	}

}
