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

	private final ReplicaFaults faults;

	ItemController(ItemCatalog catalog, ReplicaFaults faults) {
		this.catalog = catalog;
		this.faults = faults;
	}

	@GetMapping("/items/{id}")
	Item item(@PathVariable String id) {
		this.faults.apply();
		return this.catalog.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
