package io.datapunk.mesh.autoconfigure.client.group.app;

import java.util.Map;

import io.datapunk.mesh.Idempotent;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * An HTTP interface of the inventory service, declared the Spring Framework 7 way: in the
 * {@code inventory} HTTP service group, with no {@code @MeshClient}.
 */
public interface InventoryApi {

	@GetExchange("/items/{id}")
	Map<String, Object> item(@PathVariable String id);

	@PostExchange("/orders")
	Map<String, Object> order(@RequestBody Map<String, Object> order);

	@Idempotent
	@PostExchange("/orders")
	Map<String, Object> orderOnce(@RequestBody Map<String, Object> order);

}
