package io.datapunk.mesh.benchmarks.load.springcloudreactive;

import io.datapunk.mesh.benchmarks.load.Item;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * The backends as the spring-cloud-reactive variant calls them.
 *
 * @author datapunk mesh team
 */
interface ReactiveInventoryApi {

	@GetExchange("/items/{id}")
	Mono<Item> item(@PathVariable String id);

}
