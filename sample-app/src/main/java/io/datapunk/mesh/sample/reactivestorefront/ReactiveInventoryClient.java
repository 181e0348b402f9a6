package io.datapunk.mesh.sample.reactivestorefront;

import io.datapunk.mesh.MeshClient;
import io.datapunk.mesh.sample.storefront.InventoryItem;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * The inventory service as the reactive storefront sees it: the method returns a
 * {@link Mono}, so the mesh backs it with a {@code WebClient} and its non-blocking call
 * loop (the same discovery, balancer, breaker, retries and deadline as a blocking
 * client).
 *
 * @author datapunk mesh team
 */
@MeshClient("inventory")
interface ReactiveInventoryClient {

	@GetExchange("/items/{id}")
	Mono<InventoryItem> item(@PathVariable String id);

}
