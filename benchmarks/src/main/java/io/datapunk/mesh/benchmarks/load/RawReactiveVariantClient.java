package io.datapunk.mesh.benchmarks.load;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The reactive floor: a plain {@link WebClient} on Reactor Netty (its default connector
 * and Reactor Netty's shared resources), taking the fixed addresses in turn, with no
 * timeout, retry or breaker. Thread-safe.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
final class RawReactiveVariantClient implements ReactiveVariantClient {

	private final WebClient webClient = WebClient.builder().build();

	private final String[] templates;

	private final AtomicInteger next = new AtomicInteger();

	RawReactiveVariantClient(List<String> urls) {
		this.templates = urls.stream().map((url) -> url + "/items/{id}").toArray(String[]::new);
	}

	@Override
	public Mono<Item> reactiveItem(String id) {
		return Mono.defer(() -> {
			String template = this.templates[(this.next.getAndIncrement() & Integer.MAX_VALUE) % this.templates.length];
			return this.webClient.get().uri(template, id).retrieve().bodyToMono(Item.class);
		});
	}

	@Override
	public void close() {
		// Reactor Netty's shared resources outlive the client, as in an application.
	}

}
