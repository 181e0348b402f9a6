package io.datapunk.mesh.test.consul;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the body of {@code /v1/agent/service/register} as Consul does: field names in any
 * case, one {@code Check} or several {@code Checks} (ids {@code service:<id>} or
 * {@code service:<id>:<n>}), check status critical unless given, durations in Go's
 * format.
 */
final class ServiceDefinitions {

	private static final ObjectMapper json = new ObjectMapper();

	private ServiceDefinitions() {
	}

	static Definition parse(byte[] body) {
		JsonNode node;
		try {
			node = lowerCaseKeys(json.readTree(body));
		}
		catch (IOException ex) {
			throw new BadRequest("Request decode failed: " + ex.getMessage());
		}
		String name = text(node, "name");
		if (name == null || name.isEmpty()) {
			throw new BadRequest("Missing service name");
		}
		String id = (text(node, "id") != null) ? text(node, "id") : name;
		String address = (text(node, "address") != null) ? text(node, "address") : "";
		int port = node.path("port").asInt(0);
		List<String> tags = new ArrayList<>();
		node.path("tags").forEach((tag) -> tags.add(tag.asText()));
		Map<String, String> meta = new LinkedHashMap<>();
		node.path("meta").fields().forEachRemaining((e) -> meta.put(e.getKey(), e.getValue().asText()));
		List<JsonNode> checkNodes = new ArrayList<>();
		if (node.hasNonNull("check") && node.get("check").size() > 0) {
			checkNodes.add(node.get("check"));
		}
		node.path("checks").forEach(checkNodes::add);
		List<ConsulCatalog.Check> checks = new ArrayList<>();
		for (int i = 0; i < checkNodes.size(); i++) {
			JsonNode check = checkNodes.get(i);
			String checkId = (text(check, "checkid") != null) ? text(check, "checkid")
					: (checkNodes.size() == 1) ? "service:" + id : "service:" + id + ":" + (i + 1);
			Duration ttl = duration(check, "ttl");
			String http = text(check, "http");
			Duration interval = duration(check, "interval");
			if (ttl == null && (http == null || interval == null)) {
				throw new BadRequest("Invalid check: TTL must be > 0 for TTL checks, or HTTP and Interval given");
			}
			String status = (text(check, "status") != null) ? text(check, "status") : "critical";
			Duration timeout = (duration(check, "timeout") != null) ? duration(check, "timeout")
					: Duration.ofSeconds(10);
			checks.add(new ConsulCatalog.Check(checkId,
					(text(check, "name") != null) ? text(check, "name") : "Service '" + name + "' check", id, name,
					status, ttl, http, interval, timeout, duration(check, "deregistercriticalserviceafter")));
		}
		return new Definition(new ConsulCatalog.Service(id, name, address, port, tags, meta), checks);
	}

	private static JsonNode lowerCaseKeys(JsonNode node) {
		if (node.isObject()) {
			ObjectNode lower = json.createObjectNode();
			node.fields().forEachRemaining((e) -> {
				String key = e.getKey().toLowerCase(Locale.ROOT);
				// Meta keys are data, not field names: keep them as written.
				lower.set(key, key.equals("meta") ? e.getValue() : lowerCaseKeys(e.getValue()));
			});
			return lower;
		}
		if (node.isArray()) {
			ArrayNode array = json.createArrayNode();
			node.forEach((element) -> array.add(lowerCaseKeys(element)));
			return array;
		}
		return node;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asText() : null;
	}

	private static Duration duration(JsonNode node, String field) {
		String text = text(node, field);
		try {
			return GoDurations.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequest(ex.getMessage());
		}
	}

	record Definition(ConsulCatalog.Service service, List<ConsulCatalog.Check> checks) {

	}

	static final class BadRequest extends RuntimeException {

		BadRequest(String message) {
			super(message);
		}

	}

}
