package io.datapunk.mesh.autoconfigure.client.reactive;

import java.util.Map;

import io.datapunk.mesh.MeshClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * A reactive {@link MeshClient} with a fallback.
 */
@MeshClient(value = "guarded", fallback = GuardedInventoryFallback.class)
public interface GuardedInventoryClient {

	@GetExchange("/items/{id}")
	Mono<Map<String, Object>> item(@PathVariable int id);

	@GetExchange("/items")
	Flux<Map<String, Object>> items();

}
