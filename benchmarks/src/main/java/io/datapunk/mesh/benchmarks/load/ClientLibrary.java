package io.datapunk.mesh.benchmarks.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;

/**
 * The HTTP client library under the raw, mesh and Spring Cloud variants, so that each is
 * compared with the cheapest plain call on the same library. The applications pick it as
 * an application would: with Spring Boot's factory property, which Boot's
 * {@code ClientHttpRequestFactoryBuilder} bean, and through it the mesh, follow.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public enum ClientLibrary {

	/**
	 * The JDK's {@code java.net.http.HttpClient}: what an application with only the mesh
	 * starter gets, since the starter brings no other client library.
	 */
	JDK("jdk", ClientHttpRequestFactoryBuilder::jdk),

	/**
	 * Apache HttpClient 5.
	 */
	APACHE("http-components", ClientHttpRequestFactoryBuilder::httpComponents),

	/**
	 * Jetty's client.
	 */
	JETTY("jetty", ClientHttpRequestFactoryBuilder::jetty),

	/**
	 * Reactor Netty's client, called blocking.
	 */
	REACTOR("reactor", ClientHttpRequestFactoryBuilder::reactor);

	private final String factory;

	private final Supplier<ClientHttpRequestFactoryBuilder<?>> builder;

	ClientLibrary(String factory, Supplier<ClientHttpRequestFactoryBuilder<?>> builder) {
		this.factory = factory;
		this.builder = builder;
	}

	/**
	 * Return Spring Boot's request factory builder of this library, with its defaults.
	 * @return the builder
	 */
	public ClientHttpRequestFactoryBuilder<?> builder() {
		return this.builder.get();
	}

	/**
	 * Return the properties that make Spring Boot's request factory builder bean this
	 * library's: {@code spring.http.client.factory} on Boot 3.5,
	 * {@code spring.http.clients.imperative.factory} on Boot 4 (each line ignores the
	 * other's).
	 * @return the properties
	 */
	public Map<String, Object> properties() {
		return Map.of("spring.http.client.factory", this.factory, "spring.http.clients.imperative.factory",
				this.factory);
	}

	/**
	 * Return the name used on the command line and in tables, such as {@code apache}.
	 * @return the name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Return the library of a command-line name.
	 * @param id the name, such as {@code jetty}
	 * @return the library
	 * @throws IllegalArgumentException if no library has that name
	 */
	public static ClientLibrary of(String id) {
		return Arrays.stream(values())
			.filter((client) -> client.id().equals(id.trim()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown client '" + id + "'; known: "
					+ String.join(", ", Arrays.stream(values()).map(ClientLibrary::id).toList())));
	}

}
