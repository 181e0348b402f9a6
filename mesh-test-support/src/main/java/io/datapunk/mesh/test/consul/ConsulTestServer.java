package io.datapunk.mesh.test.consul;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An in-JVM server of the part of Consul's HTTP API that the mesh and spring-cloud-consul
 * call, on 127.0.0.1 and a free port, written to Consul's documentation: agent service
 * register and deregister, TTL check pass/warn/fail, {@code /v1/health/service/<name>}
 * with {@code passing} and blocking queries ({@code index}, {@code wait},
 * {@code X-Consul-Index}), catalog services, agent self, status leader, and an ACL token
 * ({@code X-Consul-Token}, {@code Authorization: Bearer} or {@code ?token=}). It can be
 * stopped and started again on the same port (registrations kept, as across a network
 * outage), and can lose all registrations (as an agent restarted without its data).
 *
 * <p>
 * Differences from a real agent, on purpose: one node; Consul reaps critical services
 * every 30 s and never sooner than 1 min, this server as soon as
 * {@code DeregisterCriticalServiceAfter} has passed; every ACL token that is not the one
 * configured is unknown, and the configured one may do everything.
 *
 * <p>
 * This class carries the HTTP: it listens, stops and restarts, records and parses the
 * requests and sends the answers. {@link ConsulEndpoints} answers them from the
 * {@link ConsulCatalog}, holding blocking queries in {@link BlockingQueries}.
 *
 * @since 0.1.0
 */
public final class ConsulTestServer implements AutoCloseable {

	private final ConsulCatalog catalog = new ConsulCatalog();

	private final ConsulEndpoints endpoints;

	private final List<String> requestLines = new CopyOnWriteArrayList<>();

	private volatile int port;

	private volatile HttpServer server;

	private volatile ExecutorService executor;

	private ConsulTestServer(String aclToken) {
		this.endpoints = new ConsulEndpoints(this.catalog, new ConsulAcl(aclToken));
	}

	/**
	 * Start a server without ACLs.
	 * @return the running server
	 */
	public static ConsulTestServer start() {
		return withToken(null);
	}

	/**
	 * Start a server whose every API call needs the given ACL token.
	 * @param aclToken the token, {@code null} for no ACLs
	 * @return the running server
	 */
	public static ConsulTestServer withToken(String aclToken) {
		ConsulTestServer server = new ConsulTestServer(aclToken);
		server.bind(0);
		return server;
	}

	/**
	 * Create a server that is not listening yet, on a port that was free a moment ago;
	 * {@link #restart()} starts it.
	 * @return the stopped server
	 */
	public static ConsulTestServer stopped() {
		ConsulTestServer server = new ConsulTestServer(null);
		server.bind(0);
		server.stop();
		return server;
	}

	private synchronized void bind(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
			server.createContext("/", this::handle);
			this.executor = Executors.newCachedThreadPool((task) -> {
				Thread thread = new Thread(task, "consul-test-http");
				thread.setDaemon(true);
				return thread;
			});
			server.setExecutor(this.executor);
			server.start();
			this.server = server;
			this.port = server.getAddress().getPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not listen on 127.0.0.1:" + port, ex);
		}
	}

	/**
	 * Stop listening and drop open connections; registrations are kept.
	 */
	public synchronized void stop() {
		HttpServer server = this.server;
		if (server != null) {
			this.server = null;
			server.stop(0);
			this.catalog.wakeAll();
			this.executor.shutdownNow();
		}
	}

	/**
	 * Listen again on the same port.
	 */
	public synchronized void restart() {
		if (this.server == null) {
			bind(this.port);
		}
	}

	/**
	 * Drop every registration and check, as an agent restarted without its data does.
	 */
	public void loseAllRegistrations() {
		this.catalog.clear();
	}

	/**
	 * Restart as an agent without data (dev mode) does: open connections drop, every
	 * registration and check is gone, and the index starts again from 1, below what
	 * watchers last saw.
	 */
	public synchronized void restartWithoutData() {
		stop();
		this.catalog.reset();
		restart();
	}

	public boolean isRunning() {
		return this.server != null;
	}

	public int port() {
		return this.port;
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/**
	 * Return the requests received, as {@code METHOD path?query} lines (the token query
	 * parameter, if any, included as sent).
	 * @return the request lines
	 */
	public List<String> requestLines() {
		return List.copyOf(this.requestLines);
	}

	@Override
	public void close() {
		stop();
		this.catalog.close();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			URI uri = exchange.getRequestURI();
			this.requestLines.add(exchange.getRequestMethod() + " " + uri.getRawPath()
					+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : ""));
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			Map<String, String> query = query(uri.getRawQuery());
			ConsulAnswer answer;
			try {
				answer = this.endpoints.answer(exchange.getRequestMethod(), uri.getRawPath(), query,
						exchange.getRequestHeaders(), body);
			}
			catch (ServiceDefinitions.BadRequest ex) {
				answer = ConsulAnswer.text(400, ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				answer = ConsulAnswer.text(500, ex.toString());
			}
			if (this.server == null) {
				// Stopped while the query was blocked: a real agent's connection drops.
				return;
			}
			answer.sendTo(exchange);
		}
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> query = new LinkedHashMap<>();
		if (raw != null) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				String key = URLDecoder.decode((eq != -1) ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
				String value = (eq != -1) ? URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8) : "";
				query.put(key, value);
			}
		}
		return query;
	}

}
