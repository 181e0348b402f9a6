package io.datapunk.mesh.internal.cache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.internal.discovery.InstanceAddresses;
import io.datapunk.mesh.internal.support.LogSafe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The JSON form of a shared instance list in Redis, version 1: <pre class="code">
 * {"v":1,"service":"inventory","fetchedAt":1767000000000,"source":"consul","origin":"storefront:…",
 *  "instances":[{"id":"inventory-1","host":"10.0.0.7","port":8080,"secure":false,"metadata":{"zone":"a"}}]}
 * </pre> A value of another version, or one that breaks a rule (its service is not the
 * key's, a host, port or metadata entry is not safe, too many instances), is refused as a
 * whole. Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class InstancesCodec {

	static final int VERSION = 1;

	private static final int MAX_INSTANCES = 10_000;

	private static final int MAX_METADATA = 64;

	private final ObjectMapper mapper = new ObjectMapper();

	public String encode(SharedInstances value) {
		ObjectNode root = this.mapper.createObjectNode();
		root.put("v", VERSION);
		root.put("service", value.serviceId());
		root.put("fetchedAt", value.fetchedAt().toEpochMilli());
		root.put("source", value.source());
		root.put("origin", value.origin());
		ArrayNode instances = root.putArray("instances");
		for (ServiceInstance instance : value.instances()) {
			ObjectNode node = instances.addObject();
			node.put("id", instance.getInstanceId());
			node.put("host", instance.getHost());
			node.put("port", instance.getPort());
			node.put("secure", instance.isSecure());
			ObjectNode metadata = node.putObject("metadata");
			if (instance.getMetadata() != null) {
				instance.getMetadata().forEach(metadata::put);
			}
		}
		try {
			return this.mapper.writeValueAsString(root);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Read a value.
	 * @param serviceId the service of the key the value was read from
	 * @param json the value
	 * @return the list
	 * @throws IllegalArgumentException naming the broken rule if the value is refused
	 */
	SharedInstances decode(String serviceId, String json) {
		JsonNode root;
		try {
			root = this.mapper.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("not JSON");
		}
		require(root != null && root.isObject(), "not a JSON object");
		require(root.path("v").isInt() && root.path("v").intValue() == VERSION,
				"version " + LogSafe.quote(root.path("v").asText()) + ", not " + VERSION);
		require(serviceId.equals(root.path("service").asText()), "the service is not the key's");
		require(root.path("fetchedAt").isIntegralNumber(), "no fetchedAt");
		String origin = root.path("origin").asText(null);
		require(SafeValues.isOrigin(origin), "bad origin");
		String source = root.path("source").asText("");
		require(source.length() <= 256 && source.chars().noneMatch(Character::isISOControl), "bad source");
		JsonNode instances = root.path("instances");
		require(instances.isArray() && instances.size() <= MAX_INSTANCES, "bad instances");
		List<ServiceInstance> decoded = new ArrayList<>(instances.size());
		for (JsonNode node : instances) {
			decoded.add(instance(serviceId, node));
		}
		return new SharedInstances(serviceId, InstanceAddresses.usable("Redis", serviceId, List.copyOf(decoded)),
				Instant.ofEpochMilli(root.path("fetchedAt").longValue()), source, origin);
	}

	private static ServiceInstance instance(String serviceId, JsonNode node) {
		String host = node.path("host").asText(null);
		require(InstanceAddresses.isHost(host), "bad host " + LogSafe.quote(host));
		require(node.path("port").isInt() && InstanceAddresses.isPort(node.path("port").intValue()), "bad port");
		String id = node.path("id").asText(null);
		require(id == null || SafeValues.isMetadata("id", id), "bad instance id");
		JsonNode metadataNode = node.path("metadata");
		require(metadataNode.isMissingNode() || (metadataNode.isObject() && metadataNode.size() <= MAX_METADATA),
				"bad metadata");
		Map<String, String> metadata = new LinkedHashMap<>();
		for (Iterator<Map.Entry<String, JsonNode>> fields = metadataNode.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			require(field.getValue().isTextual() && SafeValues.isMetadata(field.getKey(), field.getValue().textValue()),
					"bad metadata entry");
			metadata.put(field.getKey(), field.getValue().textValue());
		}
		return new DefaultServiceInstance(id, serviceId, host, node.path("port").intValue(),
				node.path("secure").asBoolean(false), metadata);
	}

	private static void require(boolean condition, String rule) {
		if (!condition) {
			throw new IllegalArgumentException(rule);
		}
	}

}
