package io.datapunk.mesh.autoconfigure.client.reactive;

import java.util.Map;

import io.datapunk.mesh.Idempotent;
import io.datapunk.mesh.MeshClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * A reactive {@link MeshClient}, with one blocking method to show that an interface may
 * mix both.
 */
@MeshClient("inventory")
public interface InventoryClient {

	@GetExchange("/items/{id}")
	Mono<Map<String, Object>> item(@PathVariable int id);

	@GetExchange("/items")
	Flux<Map<String, Object>> items();

	@PostExchange("/orders")
	Mono<Map<String, Object>> order(@RequestBody String order);

	@Idempotent
	@PostExchange("/reservations")
	Mono<Map<String, Object>> reserve(@RequestBody String reservation);

	@GetExchange("/items/{id}")
	Map<String, Object> itemNow(@PathVariable int id);

}
