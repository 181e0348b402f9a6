package io.datapunk.mesh.benchmarks.load.mesh;

import io.datapunk.mesh.benchmarks.load.Item;
import io.datapunk.mesh.MeshClient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * The backends as the mesh variant calls them.
 *
 * @author datapunk mesh team
 */
@MeshClient("inventory")
interface InventoryClient {

	@GetExchange("/items/{id}")
	Item item(@PathVariable String id);

}
