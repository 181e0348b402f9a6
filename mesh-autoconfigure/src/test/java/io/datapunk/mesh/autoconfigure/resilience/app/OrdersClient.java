package io.datapunk.mesh.autoconfigure.resilience.app;

import java.util.Map;

import io.datapunk.mesh.Idempotent;
import io.datapunk.mesh.MeshClient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

@MeshClient(value = "orders", fallback = OrdersFallback.class)
public interface OrdersClient {

	@GetExchange("/orders/{id}")
	Map<String, Object> order(@PathVariable String id);

	@PostExchange("/orders")
	Map<String, Object> create(@RequestBody Map<String, Object> order);

	@Idempotent
	@PostExchange("/orders/{key}")
	Map<String, Object> createOnce(@PathVariable String key, @RequestBody Map<String, Object> order);

}
