package io.datapunk.mesh.test.consul;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Services and checks as Consul's API writes them.
 */
final class ConsulViews {

	private static final ObjectMapper json = new ObjectMapper();

	private ConsulViews() {
	}

	static ObjectNode agentService(ConsulCatalog.Service service) {
		ObjectNode node = json.createObjectNode();
		node.put("ID", service.id).put("Service", service.name);
		ArrayNode tags = node.putArray("Tags");
		service.tags.forEach(tags::add);
		ObjectNode meta = node.putObject("Meta");
		service.meta.forEach(meta::put);
		node.put("Port", service.port).put("Address", service.address).put("Datacenter", "dc1");
		return node;
	}

	static ObjectNode check(ConsulCatalog.Check check) {
		ObjectNode node = json.createObjectNode();
		node.put("Node", ConsulCatalog.NODE)
			.put("CheckID", check.id)
			.put("Name", check.name)
			.put("Status", check.status)
			.put("Output", check.output)
			.put("ServiceID", check.serviceId)
			.put("ServiceName", check.serviceName)
			.put("Type", (check.ttl != null) ? "ttl" : "http");
		if (check.http != null) {
			node.putObject("Definition").put("HTTP", check.http).put("Interval", check.interval.toMillis() + "ms");
		}
		return node;
	}

}
