package io.datapunk.mesh.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 and a free port, for behaviour tests: it answers every
 * request with a JSON body naming itself and the request, records what it received, and
 * can be slowed down, made to fail, or stopped.
 *
 * @since 0.1.0
 */
public final class TestHttpServer implements AutoCloseable {

	private final String name;

	private final HttpServer server;

	private final AtomicInteger hits = new AtomicInteger();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	/**
	 * Statuses answered in turn, one per request, when not empty; else {@link #status}.
	 */
	private volatile List<Integer> pattern = List.of();

	private volatile Duration delay = Duration.ZERO;

	/** Whether answers stop halfway through their body, as when a process dies. */
	private volatile boolean cutBodies;

	private TestHttpServer(String name) throws IOException {
		this.name = name;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	/**
	 * Start a server.
	 * @param name the name the server puts in its answers
	 * @return the running server
	 */
	public static TestHttpServer start(String name) {
		try {
			return new TestHttpServer(name);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] requestBody;
			try (InputStream in = exchange.getRequestBody()) {
				requestBody = in.readAllBytes();
			}
			int hit = this.hits.incrementAndGet();
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(),
					exchange.getRequestHeaders().getFirst("Host"), new String(requestBody, StandardCharsets.UTF_8),
					Map.copyOf(exchange.getRequestHeaders())));
			List<Integer> pattern = this.pattern;
			int status = pattern.isEmpty() ? this.status : pattern.get((hit - 1) % pattern.size());
			sleep(this.delay);
			String json = "{\"server\":\"" + this.name + "\",\"method\":\"" + exchange.getRequestMethod()
					+ "\",\"path\":\"" + exchange.getRequestURI().getRawPath() + "\",\"query\":\""
					+ ((exchange.getRequestURI().getRawQuery() != null) ? exchange.getRequestURI().getRawQuery() : "")
					+ "\",\"body\":\"" + new String(requestBody, StandardCharsets.UTF_8).replace("\"", "'") + "\"}";
			byte[] response = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, response.length);
			if (this.cutBodies) {
				// Headers and half the announced body, then the connection ends.
				exchange.getResponseBody().write(response, 0, response.length / 2);
				exchange.getResponseBody().flush();
				throw new IOException("body cut on purpose");
			}
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}
	}

	private static void sleep(Duration delay) {
		if (!delay.isZero()) {
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + port());
	}

	public int hits() {
		return this.hits.get();
	}

	public List<Received> received() {
		return this.received;
	}

	public void respondWith(int status) {
		this.pattern = List.of();
		this.status = status;
	}

	/**
	 * Answer requests with these statuses in turn, starting over after the last.
	 * @param statuses the statuses, one per request
	 */
	public void respondInTurn(Integer... statuses) {
		this.pattern = List.of(statuses);
	}

	/**
	 * Forget the requests received so far.
	 */
	public void reset() {
		this.received.clear();
		this.hits.set(0);
	}

	/**
	 * Send each answer's status, headers and half its body, then end the connection.
	 * @param cut whether to cut bodies from now on
	 */
	public void cutBodies(boolean cut) {
		this.cutBodies = cut;
	}

	public void delay(Duration delay) {
		this.delay = delay;
	}

	@Override
	public void close() {
		this.server.stop(0);
		((java.util.concurrent.ExecutorService) this.server.getExecutor()).shutdownNow();
	}

	/**
	 * One request as the server received it.
	 *
	 * @param method the method
	 * @param uri the request URI (path and query)
	 * @param host the Host header
	 * @param body the body
	 * @param headers the request headers (names as the JDK server normalizes them: first
	 * letter upper case, the rest lower case)
	 */
	public record Received(String method, URI uri, String host, String body, Map<String, List<String>> headers) {

		/**
		 * Return the first value of a request header.
		 * @param name the header name, in any case
		 * @return the value, or {@code null}
		 */
		public String header(String name) {
			for (Map.Entry<String, List<String>> entry : this.headers.entrySet()) {
				if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
					return entry.getValue().get(0);
				}
			}
			return null;
		}

	}

}
