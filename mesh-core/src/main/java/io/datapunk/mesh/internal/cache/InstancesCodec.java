package io.datapunk.mesh.internal.cache;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.internal.discovery.InstanceAddresses;
import io.datapunk.mesh.internal.support.JsonValues;
import io.datapunk.mesh.internal.support.LogSafe;
import io.datapunk.mesh.internal.support.MeshJson;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The JSON form of a shared instance list in Redis, version 1: <pre class="code">
 * {"v":1,"service":"inventory","fetchedAt":1767000000000,"source":"consul","origin":"storefront:…",
 *  "instances":[{"id":"inventory-1","host":"10.0.0.7","port":8080,"secure":false,"metadata":{"zone":"a"}}]}
 * </pre> A value of another version, or one that breaks a rule (its service is not the
 * key's, a host, port or metadata entry is not safe, too many instances), is refused as a
 * whole. Written and read the same with Jackson 3 and Jackson 2 ({@link MeshJson}).
 * Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class InstancesCodec {

	static final int VERSION = 1;

	private static final int MAX_INSTANCES = 10_000;

	private static final int MAX_METADATA = 64;

	private final MeshJson json;

	public InstancesCodec() {
		this(MeshJson.get());
	}

	InstancesCodec(MeshJson json) {
		this.json = json;
	}

	public String encode(SharedInstances value) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("v", VERSION);
		root.put("service", value.serviceId());
		root.put("fetchedAt", value.fetchedAt().toEpochMilli());
		root.put("source", value.source());
		root.put("origin", value.origin());
		List<Map<String, Object>> instances = new ArrayList<>(value.instances().size());
		for (ServiceInstance instance : value.instances()) {
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("id", instance.getInstanceId());
			node.put("host", instance.getHost());
			node.put("port", instance.getPort());
			node.put("secure", instance.isSecure());
			node.put("metadata", (instance.getMetadata() != null) ? instance.getMetadata() : Map.of());
			instances.add(node);
		}
		root.put("instances", instances);
		return this.json.write(root);
	}

	/**
	 * Read a value.
	 * @param serviceId the service of the key the value was read from
	 * @param json the value
	 * @return the list
	 * @throws IllegalArgumentException naming the broken rule if the value is refused
	 */
	SharedInstances decode(String serviceId, String json) {
		Object root = this.json.read(json);
		require(root instanceof Map, "not a JSON object");
		Object version = JsonValues.field(root, "v");
		require(JsonValues.isInt(version) && (int) version == VERSION,
				"version " + LogSafe.quote(JsonValues.text(version, "")) + ", not " + VERSION);
		require(serviceId.equals(JsonValues.text(JsonValues.field(root, "service"), "")),
				"the service is not the key's");
		Object fetchedAt = JsonValues.field(root, "fetchedAt");
		require(JsonValues.isIntegral(fetchedAt), "no fetchedAt");
		String origin = JsonValues.text(JsonValues.field(root, "origin"), null);
		require(SafeValues.isOrigin(origin), "bad origin");
		String source = JsonValues.text(JsonValues.field(root, "source"), "");
		require(source.length() <= 256 && source.chars().noneMatch(Character::isISOControl), "bad source");
		Object instances = JsonValues.field(root, "instances");
		require(instances instanceof List<?> list && list.size() <= MAX_INSTANCES, "bad instances");
		List<?> nodes = (List<?>) instances;
		List<ServiceInstance> decoded = new ArrayList<>(nodes.size());
		for (Object node : nodes) {
			decoded.add(instance(serviceId, node));
		}
		return new SharedInstances(serviceId, InstanceAddresses.usable("Redis", serviceId, List.copyOf(decoded)),
				Instant.ofEpochMilli(((Number) fetchedAt).longValue()), source, origin);
	}

	private static ServiceInstance instance(String serviceId, Object node) {
		String host = JsonValues.text(JsonValues.field(node, "host"), null);
		require(InstanceAddresses.isHost(host), "bad host " + LogSafe.quote(host));
		Object port = JsonValues.field(node, "port");
		require(JsonValues.isInt(port) && InstanceAddresses.isPort((int) port), "bad port");
		String id = JsonValues.text(JsonValues.field(node, "id"), null);
		require(id == null || SafeValues.isMetadata("id", id), "bad instance id");
		Object metadataNode = JsonValues.field(node, "metadata");
		require(!JsonValues.has(node, "metadata")
				|| (metadataNode instanceof Map<?, ?> map && map.size() <= MAX_METADATA), "bad metadata");
		Map<String, String> metadata = new LinkedHashMap<>();
		if (metadataNode != null) {
			for (Map.Entry<?, ?> field : ((Map<?, ?>) metadataNode).entrySet()) {
				String key = (String) field.getKey();
				require(field.getValue() instanceof String value && SafeValues.isMetadata(key, value),
						"bad metadata entry");
				metadata.put(key, (String) field.getValue());
			}
		}
		return new DefaultServiceInstance(id, serviceId, host, (int) port,
				JsonValues.bool(JsonValues.field(node, "secure"), false), metadata);
	}

	private static void require(boolean condition, String rule) {
		if (!condition) {
			throw new IllegalArgumentException(rule);
		}
	}

}
