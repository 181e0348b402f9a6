package io.datapunk.mesh.benchmarks.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ClientLibrary}: the variants built on a blocking request factory open
 * on the chosen library, and its requests really leave through that library, as the
 * {@code User-Agent} that each library sends tells a server that echoes it back as the
 * item's {@code servedBy}.
 *
 * @author datapunk mesh team
 */
class ClientLibraryTests {

	/**
	 * The start of the {@code User-Agent} each library sends by default.
	 */
	private static final Map<ClientLibrary, String> USER_AGENTS = Map.of(ClientLibrary.JDK, "Java-http-client/",
			ClientLibrary.APACHE, "Apache-HttpClient/", ClientLibrary.JETTY, "Jetty/", ClientLibrary.REACTOR,
			"ReactorNetty/");

	private static HttpServer server;

	private static ExecutorService executor;

	@BeforeAll
	static void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/items/", ClientLibraryTests::echoUserAgent);
		executor = Executors.newFixedThreadPool(4);
		server.setExecutor(executor);
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
		executor.shutdownNow();
	}

	/**
	 * The raw and mesh variants on every library; the two Spring Cloud variants, which
	 * take the library along two paths (the request factory of Boot's builder bean, and
	 * Boot's configured builder), on one library each that is not the default, to keep
	 * the test short.
	 */
	static Stream<Arguments> variantsOnEveryLibrary() {
		return Stream.concat(
				Stream.of(Variant.RAW, Variant.MESH)
					.flatMap((variant) -> Arrays.stream(ClientLibrary.values())
						.map((client) -> Arguments.of(variant, client))),
				Stream.of(Arguments.of(Variant.SPRING_CLOUD, ClientLibrary.APACHE),
						Arguments.of(Variant.SPRING_CLOUD_OBSERVED, ClientLibrary.JETTY)));
	}

	@ParameterizedTest(name = "{0} on {1}")
	@MethodSource("variantsOnEveryLibrary")
	void openShouldSendThroughTheChosenLibrary(Variant variant, ClientLibrary client) {
		String url = "http://127.0.0.1:" + server.getAddress().getPort();
		try (VariantClient variantClient = variant.open(List.of(url), client)) {
			// Spring Cloud's circuit breaker keeps Resilience4j's 1 s time limiter, which
			// a
			// cold first call can pass on a busy machine: wait for a warm one.
			Item item = await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> variantClient.item("42"), (answer) -> answer != null);
			assertThat(item.id()).isEqualTo("42");
			assertThat(item.servedBy()).startsWith(USER_AGENTS.get(client));
		}
	}

	private static void echoUserAgent(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
			String id = exchange.getRequestURI().getRawPath().substring("/items/".length());
			String userAgent = String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"))
				.replaceAll("[^A-Za-z0-9 ./()_;-]", "");
			byte[] json = ("{\"id\":\"" + id + "\",\"name\":\"echo\",\"stock\":1,\"servedBy\":\"" + userAgent + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, json.length);
			exchange.getResponseBody().write(json);
		}
	}

}
