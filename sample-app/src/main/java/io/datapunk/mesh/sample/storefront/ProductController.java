package io.datapunk.mesh.sample.storefront;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /products/{id}}: the inventory item of that id, as a product.
 *
 * @author datapunk mesh team
 * @see InventoryErrorHandler
 */
@RestController
class ProductController {

	private final InventoryClient inventory;

	ProductController(InventoryClient inventory) {
		this.inventory = inventory;
	}

	@GetMapping("/products/{id}")
	Product product(@PathVariable String id) {
		return Product.of(this.inventory.item(id));
	}

}
