package io.datapunk.mesh.internal.cache;

import java.util.Map;

import io.datapunk.mesh.MeshClient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

@MeshClient("inventory")
public interface InventoryClient {

	@GetExchange("/items/{id}")
	Map<String, Object> item(@PathVariable String id);

}
