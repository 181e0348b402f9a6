package io.datapunk.mesh.cache;

import java.util.Map;

import io.datapunk.mesh.client.MeshClient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

@MeshClient("inventory")
interface InventoryClient {

	@GetExchange("/items/{id}")
	Map<String, Object> item(@PathVariable String id);

}
