package io.datapunk.mesh.benchmarks.load;

import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A reactive variant that lives in its own Spring application context, closed with it.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public final class ReactiveContextVariantClient implements ReactiveVariantClient {

	private final ConfigurableApplicationContext context;

	private final Function<String, Mono<Item>> call;

	private final String description;

	/**
	 * Create a client.
	 * @param context the variant's context
	 * @param call makes one call, lazily
	 * @param description what the variant chose, see {@link #description()}
	 */
	public ReactiveContextVariantClient(ConfigurableApplicationContext context, Function<String, Mono<Item>> call,
			String description) {
		this.context = context;
		this.call = call;
		this.description = description;
	}

	/**
	 * Return the variant's application context, for tests that look inside.
	 * @return the context
	 */
	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public String description() {
		return this.description;
	}

	@Override
	public Mono<Item> reactiveItem(String id) {
		return this.call.apply(id);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
