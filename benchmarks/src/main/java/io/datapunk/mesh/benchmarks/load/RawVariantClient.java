package io.datapunk.mesh.benchmarks.load;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.web.client.RestClient;

/**
 * The floor: a plain {@link RestClient} on Spring Boot's default HTTP client (the JDK's),
 * taking the fixed addresses in turn, with no timeout, retry or breaker. Thread-safe.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
final class RawVariantClient implements VariantClient {

	private final RestClient restClient;

	private final String[] templates;

	private final AtomicInteger next = new AtomicInteger();

	RawVariantClient(List<String> urls) {
		this.restClient = RestClient.builder()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk().build()) // default
																			// settings,
																			// on both
																			// Boot lines
			.build();
		this.templates = urls.stream().map((url) -> url + "/items/{id}").toArray(String[]::new);
	}

	@Override
	public Item item(String id) {
		String template = this.templates[(this.next.getAndIncrement() & Integer.MAX_VALUE) % this.templates.length];
		return this.restClient.get().uri(template, id).retrieve().body(Item.class);
	}

	@Override
	public void close() {
		// The JDK client (Java 17) has no close(); it stops when no longer referenced.
	}

}
