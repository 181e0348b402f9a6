package io.datapunk.mesh.autoconfigure.client.group.app;

import java.util.Map;

import io.datapunk.mesh.MeshClient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * The same inventory service, declared the mesh's own way.
 */
@MeshClient("inventory")
public interface InventoryMeshClient {

	@GetExchange("/items/{id}")
	Map<String, Object> item(@PathVariable String id);

}
