package io.datapunk.mesh.autoconfigure.client.scan.app;

import java.util.Map;

import io.datapunk.mesh.MeshClient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

@MeshClient("inventory")
public interface InventoryClient {

	@GetExchange("/items/{id}")
	Map<String, Object> item(@PathVariable String id);

	@GetExchange("/items")
	Map<String, Object> search(@RequestParam String q);

	@PostExchange("/orders")
	Map<String, Object> order(@RequestBody Map<String, Object> order);

}
