package io.datapunk.mesh.internal.cache;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.datapunk.mesh.internal.config.ServiceNames;
import io.datapunk.mesh.internal.support.JsonValues;
import io.datapunk.mesh.internal.support.LogSafe;
import io.datapunk.mesh.internal.support.MeshJson;

/**
 * The JSON form of a {@link MeshEvent}, version 1: <pre class="code">
 * {"v":1,"type":"ejected","origin":"storefront:…","service":"inventory",
 *  "instance":"http://10.0.0.7:8080","until":1767000030000,"expires":1767000030000}
 * </pre> Decoding refuses, naming the rule, whatever could be hostile or broken: a
 * message longer than 2048 characters, another version, an unknown type, a bad origin,
 * service name or address, missing or non-numeric times. Written and read the same with
 * Jackson 3 and Jackson 2 ({@link MeshJson}). Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class MeshEventCodec {

	static final int VERSION = 1;

	private static final int MAX_LENGTH = 2048;

	private final MeshJson json;

	public MeshEventCodec() {
		this(MeshJson.get());
	}

	MeshEventCodec(MeshJson json) {
		this.json = json;
	}

	public String encode(MeshEvent event) {
		Map<String, Object> root = new LinkedHashMap<>();
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
		return this.json.write(root);
	}

	/**
	 * Read an event.
	 * @param message the message as received
	 * @return the event
	 * @throws IllegalArgumentException naming the broken rule if the message is refused
	 */
	MeshEvent decode(String message) {
		require(message != null && message.length() <= MAX_LENGTH, "longer than " + MAX_LENGTH + " characters");
		Object root = this.json.read(message);
		require(root instanceof Map, "not a JSON object");
		Object version = JsonValues.field(root, "v");
		require(JsonValues.isInt(version) && (int) version == VERSION,
				"version " + LogSafe.quote(JsonValues.text(version, "")) + ", not " + VERSION);
		Object typeName = JsonValues.field(root, "type");
		MeshEvent.Type type = MeshEvent.Type.fromWireName(JsonValues.text(typeName, ""));
		require(type != null, "unknown type " + LogSafe.quote(JsonValues.text(typeName, "")));
		String origin = JsonValues.text(JsonValues.field(root, "origin"), null);
		require(SafeValues.isOrigin(origin), "bad origin " + LogSafe.quote(origin));
		String serviceId = JsonValues.text(JsonValues.field(root, "service"), null);
		require(ServiceNames.isValid(serviceId), "bad service name " + LogSafe.quote(serviceId));
		Object expiry = JsonValues.field(root, "expires");
		require(JsonValues.isIntegral(expiry), "no expiry");
		Instant expires = Instant.ofEpochMilli(((Number) expiry).longValue());
		if (type == MeshEvent.Type.INSTANCES_CHANGED) {
			return new MeshEvent(type, origin, serviceId, null, null, expires);
		}
		String address = JsonValues.text(JsonValues.field(root, "instance"), null);
		URI instance = SafeValues.address(address);
		require(instance != null, "bad instance address " + LogSafe.quote(address));
		Object until = JsonValues.field(root, "until");
		require(JsonValues.isIntegral(until), "no end of ejection");
		return new MeshEvent(type, origin, serviceId, instance, Instant.ofEpochMilli(((Number) until).longValue()),
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
