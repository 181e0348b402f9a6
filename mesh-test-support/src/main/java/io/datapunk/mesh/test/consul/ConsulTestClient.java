package io.datapunk.mesh.test.consul;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a test does to a Consul agent (the test server or a real one): register instances
 * with TTL checks, pass or fail their checks, read what the agent holds. Instances it
 * registered are removed by {@link #deregisterAll()}.
 *
 * @since 0.1.0
 */
public final class ConsulTestClient {

	private static final ObjectMapper json = new ObjectMapper();

	private final URI base;

	private final String token;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Set<String> registered = ConcurrentHashMap.newKeySet();

	ConsulTestClient(URI base, String token) {
		this.base = base;
		this.token = token;
	}

	/**
	 * Register an instance on 127.0.0.1 with a TTL check, passing at once.
	 * @param service the service name
	 * @param id the instance id
	 * @param port the port
	 * @param meta the metadata
	 * @return the id of its check
	 */
	public String registerPassing(String service, String id, int port, Map<String, String> meta) {
		ObjectNode body = json.createObjectNode();
		body.put("ID", id).put("Name", service).put("Address", "127.0.0.1").put("Port", port);
		ObjectNode metaNode = body.putObject("Meta");
		meta.forEach(metaNode::put);
		body.putObject("Check").put("TTL", "10m").put("Status", "passing");
		send("PUT", "/v1/agent/service/register", body.toString(), 200);
		this.registered.add(id);
		return "service:" + id;
	}

	public void pass(String checkId) {
		send("PUT", "/v1/agent/check/pass/" + encode(checkId), null, 200);
	}

	public void fail(String checkId) {
		send("PUT", "/v1/agent/check/fail/" + encode(checkId) + "?note=failed+by+test", null, 200);
	}

	public void deregister(String id) {
		send("PUT", "/v1/agent/service/deregister/" + encode(id), null, -1);
		this.registered.remove(id);
	}

	/**
	 * Return the service instances the agent holds, by id.
	 * @return the instances as Consul describes them
	 */
	public Map<String, JsonNode> agentServices() {
		JsonNode services = read(send("GET", "/v1/agent/services", null, 200).body());
		Map<String, JsonNode> result = new TreeMap<>();
		services.fields().forEachRemaining((e) -> result.put(e.getKey(), e.getValue()));
		return result;
	}

	/**
	 * Return the instances of a service the agent holds.
	 * @param service the service name
	 * @return the instances
	 */
	public List<JsonNode> instancesOf(String service) {
		return agentServices().values().stream().filter((s) -> service.equals(s.path("Service").asText())).toList();
	}

	/**
	 * Return the checks the agent holds, by id.
	 * @return the checks
	 */
	public Map<String, JsonNode> agentChecks() {
		JsonNode checks = read(send("GET", "/v1/agent/checks", null, 200).body());
		Map<String, JsonNode> result = new TreeMap<>();
		checks.fields().forEachRemaining((e) -> result.put(e.getKey(), e.getValue()));
		return result;
	}

	/**
	 * Remove every instance this client registered; failures are ignored.
	 */
	public void deregisterAll() {
		for (String id : Set.copyOf(this.registered)) {
			try {
				deregister(id);
			}
			catch (RuntimeException ex) {
				// the agent may be stopped, or have lost it
			}
		}
	}

	private HttpResponse<String> send(String method, String path, String body, int expected) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path)).timeout(Duration.ofSeconds(10));
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (this.token != null) {
			request.header("X-Consul-Token", this.token);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (expected != -1 && response.statusCode() != expected) {
				throw new IllegalStateException(
						method + " " + path + " answered " + response.statusCode() + ": " + response.body());
			}
			return response;
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode read(String body) {
		try {
			return json.readTree(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
