package io.datapunk.mesh.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real HTTP servers on 127.0.0.1 that count requests and answer either {@code 200} or
 * {@code 503} with {@code Retry-After: 1}, the answer HTTP clients that retry by
 * themselves act on. A JUnit extension: started before the class, counting from zero and
 * answering 200 before each test.
 */
public final class RetryAfterServers implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private final List<String> names;

	private final List<HttpServer> servers = new ArrayList<>();

	private final AtomicInteger hits = new AtomicInteger();

	private volatile boolean unavailable;

	public RetryAfterServers(String... names) {
		this.names = List.of(names);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		for (String name : this.names) {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", (exchange) -> handle(name, exchange));
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			this.servers.add(server);
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		reset();
		this.unavailable = false;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		for (HttpServer server : this.servers) {
			server.stop(0);
			((ExecutorService) server.getExecutor()).shutdownNow();
		}
		this.servers.clear();
	}

	private void handle(String name, HttpExchange exchange) throws IOException {
		try (exchange) {
			try (InputStream in = exchange.getRequestBody()) {
				in.readAllBytes();
			}
			this.hits.incrementAndGet();
			byte[] body = ("{\"server\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			if (this.unavailable) {
				exchange.getResponseHeaders().set("Retry-After", "1");
			}
			exchange.sendResponseHeaders(this.unavailable ? 503 : 200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	public void answer503WithRetryAfter(boolean unavailable) {
		this.unavailable = unavailable;
	}

	public void reset() {
		this.hits.set(0);
	}

	public int totalHits() {
		return this.hits.get();
	}

	public String uris() {
		return this.servers.stream()
			.map((server) -> "http://127.0.0.1:" + server.getAddress().getPort())
			.collect(Collectors.joining(","));
	}

}
