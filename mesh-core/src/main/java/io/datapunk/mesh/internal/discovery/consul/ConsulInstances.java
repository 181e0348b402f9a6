package io.datapunk.mesh.internal.discovery.consul;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.datapunk.mesh.internal.support.JsonValues;
import io.datapunk.mesh.internal.support.MeshJson;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The instances of a Consul health answer: how they are read from its JSON (with
 * {@link MeshJson}, Jackson 3 or 2) and when two lists count as the same. An answer that
 * is not a list of entries, each with a {@code Service} object and a whole {@code Port},
 * is refused as a whole.
 *
 * @author datapunk mesh team
 */
final class ConsulInstances {

	private ConsulInstances() {
	}

	/**
	 * Read the instances of a {@code /v1/health/service/<name>} answer.
	 * @param json the JSON implementation
	 * @param serviceId the service
	 * @param body the JSON answer
	 * @return the instances
	 * @throws IllegalArgumentException naming the broken rule if the answer is refused
	 */
	static List<ServiceInstance> parse(MeshJson json, String serviceId, String body) {
		Object answer = json.read(body);
		require(answer instanceof List, "not a list of entries");
		List<?> entries = (List<?>) answer;
		List<ServiceInstance> instances = new ArrayList<>(entries.size());
		for (Object entry : entries) {
			require(entry instanceof Map, "an entry is not an object");
			Object service = JsonValues.field(entry, "Service");
			require(service instanceof Map, "an entry has no Service");
			String address = text(service, "Address");
			if (address == null || address.isEmpty()) {
				Object node = JsonValues.field(entry, "Node");
				require(node == null || node instanceof Map, "an entry's Node is not an object");
				address = text(node, "Address");
			}
			Map<String, String> metadata = new HashMap<>();
			if (JsonValues.field(service, "Meta") instanceof Map<?, ?> meta) {
				meta.forEach((key, value) -> {
					if (value != null) {
						metadata.put((String) key, scalar(value, "Meta"));
					}
				});
			}
			boolean secure = "true".equals(metadata.get("secure")) || hasTag(service, "secure=true");
			instances.add(new DefaultServiceInstance(text(service, "ID"), serviceId, address, port(service), secure,
					Map.copyOf(metadata)));
		}
		return List.copyOf(instances);
	}

	private static int port(Object service) {
		Object port = JsonValues.field(service, "Port");
		if (port instanceof String text) {
			// Read as a number, as Gson (which read these answers before) did.
			return Integer.parseInt(text);
		}
		require(JsonValues.isInt(port), "an entry has no whole Port");
		return (int) port;
	}

	private static boolean hasTag(Object service, String tag) {
		if (!(JsonValues.field(service, "Tags") instanceof List<?> tags)) {
			return false;
		}
		for (Object element : tags) {
			if (tag.equals(scalar(element, "Tags"))) {
				return true;
			}
		}
		return false;
	}

	private static String text(Object object, String name) {
		Object value = JsonValues.field(object, name);
		return (value != null) ? scalar(value, name) : null;
	}

	private static String scalar(Object value, String name) {
		require(value != null && !(value instanceof Map) && !(value instanceof List), "a " + name + " is not text");
		return value.toString();
	}

	private static void require(boolean condition, String rule) {
		if (!condition) {
			throw new IllegalArgumentException("Consul answer refused: " + rule);
		}
	}

	/**
	 * Tell whether two lists hold the same instances in the same order (id, address,
	 * port, security and metadata), so that an unchanged answer publishes no change.
	 * @param a a list
	 * @param b another list
	 * @return whether they are the same
	 */
	static boolean same(List<ServiceInstance> a, List<ServiceInstance> b) {
		if (a.size() != b.size()) {
			return false;
		}
		for (int i = 0; i < a.size(); i++) {
			ServiceInstance x = a.get(i);
			ServiceInstance y = b.get(i);
			if (!Objects.equals(x.getInstanceId(), y.getInstanceId()) || !Objects.equals(x.getHost(), y.getHost())
					|| x.getPort() != y.getPort() || x.isSecure() != y.isSecure()
					|| !Objects.equals(x.getMetadata(), y.getMetadata())) {
				return false;
			}
		}
		return true;
	}

}
