package io.datapunk.mesh.sample.inventory;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /items/{id}}: one item of the catalog, or 404.
 *
 * @author datapunk mesh team
 */
@RestController
class ItemController {

	private final ItemCatalog catalog;

	ItemController(ItemCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/items/{id}")
	Item item(@PathVariable String id) {
		return this.catalog.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
