package io.datapunk.mesh.benchmarks.load;

import reactor.core.publisher.Mono;

/**
 * A variant that calls without blocking: the load run keeps its calls in flight without a
 * thread per call. Its blocking {@link #item(String)} exists for tests and checks only.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public interface ReactiveVariantClient extends VariantClient {

	/**
	 * Fetch one item, lazily: nothing is sent before subscription, and an error signal
	 * counts as an error seen by the caller.
	 * @param id the item id
	 * @return the item, when it comes
	 */
	Mono<Item> reactiveItem(String id);

	@Override
	default Item item(String id) {
		return reactiveItem(id).block();
	}

}
