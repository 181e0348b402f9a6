package com.example.storefront;

import io.datapunk.mesh.MeshClient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

@MeshClient("inventory")
interface InventoryClient {

	@GetExchange("/items/{id}")
	Item item(@PathVariable String id);

}
