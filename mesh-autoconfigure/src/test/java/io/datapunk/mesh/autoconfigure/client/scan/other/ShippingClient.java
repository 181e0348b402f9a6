package io.datapunk.mesh.autoconfigure.client.scan.other;

import java.util.Map;

import io.datapunk.mesh.MeshClient;

import org.springframework.web.service.annotation.GetExchange;

/**
 * A client outside the auto-configuration packages: only {@code @EnableMeshClients} finds
 * it.
 */
@MeshClient("shipping")
public interface ShippingClient {

	@GetExchange("/parcels")
	Map<String, Object> parcels();

}
