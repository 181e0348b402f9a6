package io.datapunk.mesh.test.consul;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * @since 0.1.0
 */
public final class ConsulTestServer implements AutoCloseable {

	private static final ObjectMapper json = new ObjectMapper();

	private static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);

	private static final Duration MAX_WAIT = Duration.ofMinutes(10);

	private final ConsulCatalog catalog = new ConsulCatalog();

	private final String aclToken;

	private final List<String> requestLines = new CopyOnWriteArrayList<>();

	private volatile int port;

	private volatile HttpServer server;

	private volatile ExecutorService executor;

	private ConsulTestServer(String aclToken) {
		this.aclToken = aclToken;
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
			Answer answer;
			try {
				answer = route(exchange, exchange.getRequestMethod(), uri.getRawPath(), query, body);
			}
			catch (ServiceDefinitions.BadRequest ex) {
				answer = Answer.text(400, ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				answer = Answer.text(500, ex.toString());
			}
			if (this.server == null) {
				// Stopped while the query was blocked: a real agent's connection drops.
				return;
			}
			send(exchange, answer);
		}
	}

	private Answer route(HttpExchange exchange, String method, String path, Map<String, String> query, byte[] body)
			throws InterruptedException {
		if (path.startsWith("/v1/status/leader")) {
			return Answer.json(json.getNodeFactory().textNode("127.0.0.1:8300"), null);
		}
		Answer denied = checkToken(exchange, query);
		if (denied != null) {
			return denied;
		}
		if (path.equals("/v1/agent/service/register") && method.equals("PUT")) {
			return register(body);
		}
		if (path.startsWith("/v1/agent/service/deregister/") && method.equals("PUT")) {
			String id = segment(path, "/v1/agent/service/deregister/");
			return this.catalog.deregister(id) ? Answer.text(200, "") : Answer.text(404,
					"Unknown service ID \"" + id + "\". Ensure that the service ID is passed, not the service name.");
		}
		if (path.startsWith("/v1/agent/service/") && method.equals("GET")) {
			String id = segment(path, "/v1/agent/service/");
			ConsulCatalog.Service service = this.catalog.service(id);
			return (service != null) ? Answer.json(ConsulViews.agentService(service), null)
					: Answer.text(404, "unknown service ID: " + id);
		}
		if (path.equals("/v1/agent/services") && method.equals("GET")) {
			ObjectNode services = json.createObjectNode();
			this.catalog.services().forEach((service) -> services.set(service.id, ConsulViews.agentService(service)));
			return Answer.json(services, null);
		}
		if (path.equals("/v1/agent/checks") && method.equals("GET")) {
			ObjectNode checks = json.createObjectNode();
			this.catalog.checks().forEach((check) -> checks.set(check.id, ConsulViews.check(check)));
			return Answer.json(checks, null);
		}
		if (path.matches("/v1/agent/check/(pass|warn|fail)/.+") && method.equals("PUT")) {
			String[] parts = path.split("/", 6);
			String status = switch (parts[4]) {
				case "pass" -> "passing";
				case "warn" -> "warning";
				default -> "critical";
			};
			String id = URLDecoder.decode(parts[5], StandardCharsets.UTF_8);
			ConsulCatalog.Check check = this.catalog.check(id);
			if (check == null) {
				return Answer.text(404,
						"Unknown check ID \"" + id + "\". Ensure that the check ID is passed, not the check name.");
			}
			if (check.ttl == null) {
				return Answer.text(500, "CheckID \"" + id + "\" does not have associated TTL");
			}
			this.catalog.update(check, status, query.get("note"));
			return Answer.text(200, "");
		}
		if (path.startsWith("/v1/health/service/") && method.equals("GET")) {
			return health(segment(path, "/v1/health/service/"), query);
		}
		if (path.equals("/v1/catalog/services") && method.equals("GET")) {
			long index = blockIfAsked(null, query);
			ObjectNode services = json.createObjectNode();
			services.set("consul", json.createArrayNode());
			for (ConsulCatalog.Service service : this.catalog.services()) {
				ArrayNode tags = services.has(service.name) ? (ArrayNode) services.get(service.name)
						: services.putArray(service.name);
				service.tags.forEach((tag) -> {
					if (!tags.toString().contains("\"" + tag + "\"")) {
						tags.add(tag);
					}
				});
			}
			return Answer.json(services, index);
		}
		if (path.equals("/v1/agent/self") && method.equals("GET")) {
			ObjectNode self = json.createObjectNode();
			self.putObject("Config")
				.put("Datacenter", "dc1")
				.put("NodeName", ConsulCatalog.NODE)
				.put("Version", "1.20.0");
			self.putObject("Member").put("Name", ConsulCatalog.NODE).put("Addr", "127.0.0.1").put("Port", 8301);
			return Answer.json(self, null);
		}
		return Answer.text(404, "");
	}

	private Answer checkToken(HttpExchange exchange, Map<String, String> query) {
		if (this.aclToken == null) {
			return null;
		}
		String token = exchange.getRequestHeaders().getFirst("X-Consul-Token");
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (token == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			token = authorization.substring(7).strip();
		}
		if (token == null) {
			token = query.get("token");
		}
		if (token == null || token.isEmpty()) {
			return Answer.text(403, "Permission denied: anonymous token lacks permission");
		}
		return this.aclToken.equals(token) ? null : Answer.text(403, "ACL not found");
	}

	private Answer register(byte[] body) {
		ServiceDefinitions.Definition definition = ServiceDefinitions.parse(body);
		this.catalog.register(definition.service(), definition.checks());
		return Answer.text(200, "");
	}

	private Answer health(String name, Map<String, String> query) throws InterruptedException {
		long index = blockIfAsked(name, query);
		boolean passingOnly = query.containsKey("passing") && !"false".equals(query.get("passing"));
		String tag = query.get("tag");
		ArrayNode entries = json.createArrayNode();
		for (ConsulCatalog.Service service : this.catalog.services()) {
			if (!service.name.equals(name) || (tag != null && !service.tags.contains(tag))) {
				continue;
			}
			List<ConsulCatalog.Check> checks = this.catalog.checksOf(service.id);
			if (passingOnly && checks.stream().anyMatch((check) -> !"passing".equals(check.status))) {
				continue;
			}
			ObjectNode entry = entries.addObject();
			entry.putObject("Node")
				.put("ID", "00000000-0000-0000-0000-000000000001")
				.put("Node", ConsulCatalog.NODE)
				.put("Address", "127.0.0.1")
				.put("Datacenter", "dc1");
			ObjectNode agentService = ConsulViews.agentService(service);
			entry.set("Service", agentService);
			ArrayNode checkNodes = entry.putArray("Checks");
			checkNodes.addObject()
				.put("Node", ConsulCatalog.NODE)
				.put("CheckID", "serfHealth")
				.put("Name", "Serf Health Status")
				.put("Status", "passing")
				.put("ServiceID", "")
				.put("ServiceName", "");
			checks.forEach((check) -> checkNodes.add(ConsulViews.check(check)));
		}
		return Answer.json(entries, index);
	}

	/**
	 * Hold a blocking query ({@code index} given and above 0) until the index moves past
	 * it or {@code wait} (default 5 min, at most 10 min) ends.
	 * @return the index to answer with
	 */
	private long blockIfAsked(String name, Map<String, String> query) throws InterruptedException {
		String index = query.get("index");
		if (index != null) {
			long after;
			try {
				after = Long.parseLong(index);
			}
			catch (NumberFormatException ex) {
				throw new ServiceDefinitions.BadRequest("Invalid index: " + index);
			}
			Duration wait;
			try {
				wait = (query.get("wait") != null) ? GoDurations.parse(query.get("wait")) : DEFAULT_WAIT;
			}
			catch (IllegalArgumentException ex) {
				throw new ServiceDefinitions.BadRequest("Invalid wait time");
			}
			if (after > 0) {
				this.catalog.await(name, after, (wait.compareTo(MAX_WAIT) > 0) ? MAX_WAIT : wait);
			}
		}
		return (name != null) ? this.catalog.serviceIndex(name) : this.catalog.index();
	}

	private static String segment(String path, String prefix) {
		return URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
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

	private static void send(HttpExchange exchange, Answer answer) throws IOException {
		byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.set("Content-Type", answer.json ? "application/json" : "text/plain; charset=utf-8");
		if (answer.index != null) {
			exchange.getResponseHeaders().set("X-Consul-Index", Long.toString(answer.index));
			exchange.getResponseHeaders().set("X-Consul-KnownLeader", "true");
			exchange.getResponseHeaders().set("X-Consul-LastContact", "0");
		}
		exchange.sendResponseHeaders(answer.status, (bytes.length > 0) ? bytes.length : -1);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private record Answer(int status, String body, boolean json, Long index) {

		static Answer text(int status, String body) {
			return new Answer(status, body, false, null);
		}

		static Answer json(JsonNode body, Long index) {
			return new Answer(200, body.toString(), true, index);
		}

	}

}
