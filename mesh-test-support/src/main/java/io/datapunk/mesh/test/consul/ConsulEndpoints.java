package io.datapunk.mesh.test.consul;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;

/**
 * The endpoints of the Consul test agent's HTTP API, routed by method and path and
 * answered from its {@link ConsulCatalog}, as Consul documents them. Knows nothing of the
 * server that carries the requests.
 *
 * @author datapunk mesh team
 */
final class ConsulEndpoints {

	private static final ObjectMapper json = new ObjectMapper();

	private final ConsulCatalog catalog;

	private final ConsulAcl acl;

	private final BlockingQueries blockingQueries;

	ConsulEndpoints(ConsulCatalog catalog, ConsulAcl acl) {
		this.catalog = catalog;
		this.acl = acl;
		this.blockingQueries = new BlockingQueries(catalog);
	}

	/**
	 * Answer a request.
	 * @param method the HTTP method
	 * @param path the raw path
	 * @param query the decoded query parameters
	 * @param headers the request headers, for the ACL token
	 * @param body the request body
	 * @return the answer
	 * @throws ServiceDefinitions.BadRequest if the request is malformed
	 * @throws InterruptedException if a blocking query is interrupted
	 */
	ConsulAnswer answer(String method, String path, Map<String, String> query, Headers headers, byte[] body)
			throws InterruptedException {
		if (path.startsWith("/v1/status/leader")) {
			// Before the token check: Consul asks for no ACL token on its status
			// endpoints.
			return ConsulAnswer.json(json.getNodeFactory().textNode("127.0.0.1:8300"), null);
		}
		ConsulAnswer denied = this.acl.deny(headers, query);
		if (denied != null) {
			return denied;
		}
		if (path.equals("/v1/agent/service/register") && method.equals("PUT")) {
			return register(body);
		}
		if (path.startsWith("/v1/agent/service/deregister/") && method.equals("PUT")) {
			return deregister(segment(path, "/v1/agent/service/deregister/"));
		}
		if (path.startsWith("/v1/agent/service/") && method.equals("GET")) {
			return agentService(segment(path, "/v1/agent/service/"));
		}
		if (path.equals("/v1/agent/services") && method.equals("GET")) {
			ObjectNode services = json.createObjectNode();
			this.catalog.services().forEach((service) -> services.set(service.id, ConsulViews.agentService(service)));
			return ConsulAnswer.json(services, null);
		}
		if (path.equals("/v1/agent/checks") && method.equals("GET")) {
			ObjectNode checks = json.createObjectNode();
			this.catalog.checks().forEach((check) -> checks.set(check.id, ConsulViews.check(check)));
			return ConsulAnswer.json(checks, null);
		}
		if (path.matches("/v1/agent/check/(pass|warn|fail)/.+") && method.equals("PUT")) {
			return updateTtlCheck(path, query);
		}
		if (path.startsWith("/v1/health/service/") && method.equals("GET")) {
			return health(segment(path, "/v1/health/service/"), query);
		}
		if (path.equals("/v1/catalog/services") && method.equals("GET")) {
			return catalogServices(query);
		}
		if (path.equals("/v1/agent/self") && method.equals("GET")) {
			return agentSelf();
		}
		return ConsulAnswer.text(404, "");
	}

	private ConsulAnswer register(byte[] body) {
		ServiceDefinitions.Definition definition = ServiceDefinitions.parse(body);
		this.catalog.register(definition.service(), definition.checks());
		return ConsulAnswer.text(200, "");
	}

	private ConsulAnswer deregister(String id) {
		return this.catalog.deregister(id) ? ConsulAnswer.text(200, "") : ConsulAnswer.text(404,
				"Unknown service ID \"" + id + "\". Ensure that the service ID is passed, not the service name.");
	}

	private ConsulAnswer agentService(String id) {
		ConsulCatalog.Service service = this.catalog.service(id);
		return (service != null) ? ConsulAnswer.json(ConsulViews.agentService(service), null)
				: ConsulAnswer.text(404, "unknown service ID: " + id);
	}

	private ConsulAnswer updateTtlCheck(String path, Map<String, String> query) {
		String[] parts = path.split("/", 6);
		String status = switch (parts[4]) {
			case "pass" -> "passing";
			case "warn" -> "warning";
			default -> "critical";
		};
		String id = URLDecoder.decode(parts[5], StandardCharsets.UTF_8);
		ConsulCatalog.Check check = this.catalog.check(id);
		if (check == null) {
			return ConsulAnswer.text(404,
					"Unknown check ID \"" + id + "\". Ensure that the check ID is passed, not the check name.");
		}
		if (check.ttl == null) {
			return ConsulAnswer.text(500, "CheckID \"" + id + "\" does not have associated TTL");
		}
		this.catalog.update(check, status, query.get("note"));
		return ConsulAnswer.text(200, "");
	}

	private ConsulAnswer health(String name, Map<String, String> query) throws InterruptedException {
		long index = this.blockingQueries.blockIfAsked(name, query);
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
			// Every service on a node carries the node's own check, as on a real agent.
			checkNodes.addObject()
				.put("Node", ConsulCatalog.NODE)
				.put("CheckID", "serfHealth")
				.put("Name", "Serf Health Status")
				.put("Status", "passing")
				.put("ServiceID", "")
				.put("ServiceName", "");
			checks.forEach((check) -> checkNodes.add(ConsulViews.check(check)));
		}
		return ConsulAnswer.json(entries, index);
	}

	private ConsulAnswer catalogServices(Map<String, String> query) throws InterruptedException {
		long index = this.blockingQueries.blockIfAsked(null, query);
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
		return ConsulAnswer.json(services, index);
	}

	private ConsulAnswer agentSelf() {
		ObjectNode self = json.createObjectNode();
		self.putObject("Config").put("Datacenter", "dc1").put("NodeName", ConsulCatalog.NODE).put("Version", "1.20.0");
		self.putObject("Member").put("Name", ConsulCatalog.NODE).put("Addr", "127.0.0.1").put("Port", 8301);
		return ConsulAnswer.json(self, null);
	}

	private static String segment(String path, String prefix) {
		return URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
	}

}
