package io.datapunk.mesh.autoconfigure.client.group.app;

import java.util.Map;

import org.springframework.web.service.annotation.GetExchange;

/**
 * An HTTP interface in the {@code billing} group, which has no base URL and no
 * {@code mesh.services} entry: its name is the service the mesh looks for.
 */
public interface BillingApi {

	@GetExchange("/invoices")
	Map<String, Object> invoices();

}
