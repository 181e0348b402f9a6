package com.example.storefront;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * The inventory service as a Spring Framework 7 HTTP service group (no
 * {@code @MeshClient}): the group is named after the mesh service, so its calls go
 * through the mesh too (see {@link InventoryGroup}).
 */
interface InventoryApi {

	@GetExchange("/items/{id}")
	Item item(@PathVariable String id);

}
