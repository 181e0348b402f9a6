package io.datapunk.mesh.autoconfigure.client.scan.app;

import io.datapunk.mesh.MeshClient;

import org.springframework.web.service.annotation.GetExchange;

/**
 * A client of a service that no discovery source knows.
 */
@MeshClient("billing")
public interface BillingClient {

	@GetExchange("/invoices")
	String invoices();

}
