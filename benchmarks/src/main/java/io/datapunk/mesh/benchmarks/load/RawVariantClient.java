package io.datapunk.mesh.benchmarks.load;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The floor: a plain {@link RestClient} on the chosen HTTP client library with Spring
 * Boot's default settings, taking the fixed addresses in turn, with no timeout, retry or
 * breaker. Thread-safe.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
final class RawVariantClient implements VariantClient {

	private final ClientHttpRequestFactory requestFactory;

	private final RestClient restClient;

	private final String[] templates;

	private final AtomicInteger next = new AtomicInteger();

	RawVariantClient(List<String> urls, ClientLibrary client) {
		// Spring Boot's default settings, on both Boot lines.
		this.requestFactory = client.builder().build();
		this.restClient = RestClient.builder().requestFactory(this.requestFactory).build();
		this.templates = urls.stream().map((url) -> url + "/items/{id}").toArray(String[]::new);
	}

	@Override
	public Item item(String id) {
		String template = this.templates[(this.next.getAndIncrement() & Integer.MAX_VALUE) % this.templates.length];
		return this.restClient.get().uri(template, id).retrieve().body(Item.class);
	}

	@Override
	public String description() {
		return this.requestFactory.getClass().getSimpleName();
	}

	@Override
	public void close() {
		// Apache's and Jetty's pools have threads to stop; the JDK client (Java 17) has
		// no
		// close() and stops when no longer referenced; Reactor Netty's uses shared
		// resources.
		if (this.requestFactory instanceof DisposableBean disposable) {
			try {
				disposable.destroy();
			}
			catch (Exception ex) {
				// Closing after the run: nothing left to measure.
			}
		}
	}

}
