package com.example.storefront;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProductController {

	private final InventoryClient inventory;

	ProductController(InventoryClient inventory) {
		this.inventory = inventory;
	}

	@GetMapping("/products/{id}")
	Item product(@PathVariable String id) {
		return this.inventory.item(id);
	}

}
