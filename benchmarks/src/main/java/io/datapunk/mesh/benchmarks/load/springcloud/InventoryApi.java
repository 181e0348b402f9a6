package io.datapunk.mesh.benchmarks.load.springcloud;

import io.datapunk.mesh.benchmarks.load.Item;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * The backends as the spring-cloud variant calls them.
 *
 * @author datapunk mesh team
 */
interface InventoryApi {

	@GetExchange("/items/{id}")
	Item item(@PathVariable String id);

}
