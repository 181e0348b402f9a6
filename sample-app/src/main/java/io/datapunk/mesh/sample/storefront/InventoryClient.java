package io.datapunk.mesh.sample.storefront;

import io.datapunk.mesh.MeshClient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * The inventory service as the storefront sees it; the mesh picks the replica of each
 * call.
 *
 * @author datapunk mesh team
 */
@MeshClient("inventory")
interface InventoryClient {

	@GetExchange("/items/{id}")
	InventoryItem item(@PathVariable String id);

}
