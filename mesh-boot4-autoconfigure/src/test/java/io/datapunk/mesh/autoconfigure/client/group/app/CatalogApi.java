package io.datapunk.mesh.autoconfigure.client.group.app;

import java.util.Map;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * An HTTP interface in the {@code catalog} group, which has a base URL of its own and is
 * no mesh service.
 */
public interface CatalogApi {

	@GetExchange("/products/{id}")
	Map<String, Object> product(@PathVariable String id);

}
