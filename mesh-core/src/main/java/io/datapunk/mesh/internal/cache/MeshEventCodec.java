package io.datapunk.mesh.internal.cache;

import java.net.URI;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datapunk.mesh.internal.config.ServiceNames;
import io.datapunk.mesh.internal.support.LogSafe;

/**
 * The JSON form of a {@link MeshEvent}, version 1: <pre class="code">
 * {"v":1,"type":"ejected","origin":"storefront:…","service":"inventory",
 *  "instance":"http://10.0.0.7:8080","until":1767000030000,"expires":1767000030000}
 * </pre> Decoding refuses, naming the rule, whatever could be hostile or broken: a
 * message longer than 2048 characters, another version, an unknown type, a bad origin,
 * service name or address, missing or non-numeric times. Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class MeshEventCodec {

	static final int VERSION = 1;

	private static final int MAX_LENGTH = 2048;

	private final ObjectMapper mapper = new ObjectMapper();

	public String encode(MeshEvent event) {
		ObjectNode root = this.mapper.createObjectNode();
		root.put("v", VERSION);
		root.put("type", event.type().wireName());
		root.put("origin", event.origin());
		root.put("service", event.serviceId());
		if (event.instance() != null) {
			root.put("instance", event.instance().toString());
		}
		if (event.until() != null) {
			root.put("until", event.until().toEpochMilli());
		}
		root.put("expires", event.expires().toEpochMilli());
		try {
			return this.mapper.writeValueAsString(root);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Read an event.
	 * @param message the message as received
	 * @return the event
	 * @throws IllegalArgumentException naming the broken rule if the message is refused
	 */
	MeshEvent decode(String message) {
		require(message != null && message.length() <= MAX_LENGTH, "longer than " + MAX_LENGTH + " characters");
		JsonNode root;
		try {
			root = this.mapper.readTree(message);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("not JSON");
		}
		require(root != null && root.isObject(), "not a JSON object");
		require(root.path("v").isInt() && root.path("v").intValue() == VERSION,
				"version " + LogSafe.quote(root.path("v").asText()) + ", not " + VERSION);
		MeshEvent.Type type = MeshEvent.Type.fromWireName(root.path("type").asText(""));
		require(type != null, "unknown type " + LogSafe.quote(root.path("type").asText()));
		String origin = root.path("origin").asText(null);
		require(SafeValues.isOrigin(origin), "bad origin " + LogSafe.quote(origin));
		String serviceId = root.path("service").asText(null);
		require(ServiceNames.isValid(serviceId), "bad service name " + LogSafe.quote(serviceId));
		require(root.path("expires").isIntegralNumber(), "no expiry");
		Instant expires = Instant.ofEpochMilli(root.path("expires").longValue());
		if (type == MeshEvent.Type.INSTANCES_CHANGED) {
			return new MeshEvent(type, origin, serviceId, null, null, expires);
		}
		String address = root.path("instance").asText(null);
		URI instance = SafeValues.address(address);
		require(instance != null, "bad instance address " + LogSafe.quote(address));
		require(root.path("until").isIntegralNumber(), "no end of ejection");
		return new MeshEvent(type, origin, serviceId, instance, Instant.ofEpochMilli(root.path("until").longValue()),
				expires);
	}

	/**
	 * Refuse a message too long to be an event, signature included, before anything else
	 * is done with it.
	 */
	static void checkLength(String message) {
		require(message != null && message.length() <= MAX_LENGTH + 64, "longer than " + MAX_LENGTH + " characters");
	}

	private static void require(boolean condition, String rule) {
		if (!condition) {
			throw new IllegalArgumentException(rule);
		}
	}

}
