package io.datapunk.mesh.internal.discovery.consul;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The instances of a Consul health answer: how they are read from its JSON and when two
 * lists count as the same.
 *
 * @author datapunk mesh team
 */
final class ConsulInstances {

	private ConsulInstances() {
	}

	/**
	 * Read the instances of a {@code /v1/health/service/<name>} answer.
	 * @param serviceId the service
	 * @param body the JSON answer
	 * @return the instances
	 */
	static List<ServiceInstance> parse(String serviceId, String body) {
		JsonArray entries = JsonParser.parseString(body).getAsJsonArray();
		List<ServiceInstance> instances = new ArrayList<>(entries.size());
		for (JsonElement element : entries) {
			JsonObject entry = element.getAsJsonObject();
			JsonObject service = entry.getAsJsonObject("Service");
			String address = text(service, "Address");
			if (address == null || address.isEmpty()) {
				address = text(entry.getAsJsonObject("Node"), "Address");
			}
			Map<String, String> metadata = new HashMap<>();
			JsonElement meta = service.get("Meta");
			if (meta != null && meta.isJsonObject()) {
				meta.getAsJsonObject().entrySet().forEach((e) -> {
					if (!e.getValue().isJsonNull()) {
						metadata.put(e.getKey(), e.getValue().getAsString());
					}
				});
			}
			boolean secure = "true".equals(metadata.get("secure")) || hasTag(service, "secure=true");
			instances.add(new DefaultServiceInstance(text(service, "ID"), serviceId, address,
					service.get("Port").getAsInt(), secure, Map.copyOf(metadata)));
		}
		return List.copyOf(instances);
	}

	private static boolean hasTag(JsonObject service, String tag) {
		JsonElement tags = service.get("Tags");
		if (tags == null || !tags.isJsonArray()) {
			return false;
		}
		for (JsonElement element : tags.getAsJsonArray()) {
			if (tag.equals(element.getAsString())) {
				return true;
			}
		}
		return false;
	}

	private static String text(JsonObject object, String name) {
		JsonElement element = (object != null) ? object.get(name) : null;
		return (element != null && !element.isJsonNull()) ? element.getAsString() : null;
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
