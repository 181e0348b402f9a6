package io.datapunk.mesh.sample.reactivestorefront;

import io.datapunk.mesh.sample.storefront.Product;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /products/{id}}: the inventory item of that id, as a product, without
 * holding a thread while the inventory answers.
 *
 * @author datapunk mesh team
 * @see ReactiveInventoryErrorHandler
 */
@RestController
class ReactiveProductController {

	private final ReactiveInventoryClient inventory;

	ReactiveProductController(ReactiveInventoryClient inventory) {
		this.inventory = inventory;
	}

	@GetMapping("/products/{id}")
	Mono<Product> product(@PathVariable String id) {
		return this.inventory.item(id).map(Product::of);
	}

}
