package io.datapunk.mesh.benchmarks.jmh;

import io.datapunk.mesh.benchmarks.load.Item;
import io.datapunk.mesh.MeshClient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * The interface both pipelines call: through the mesh, and as a plain HTTP interface.
 *
 * @author datapunk mesh team
 */
@MeshClient("inventory")
interface InventoryClient {

	@GetExchange("/items/{id}")
	Item item(@PathVariable String id);

}
