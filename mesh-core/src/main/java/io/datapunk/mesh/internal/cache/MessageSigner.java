package io.datapunk.mesh.internal.cache;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the JSON values the mesh puts in Redis (shared lists, events) with
 * HMAC-SHA256 and the fleet's {@code mesh.cache.redis.signing-key}. A signed value is the
 * JSON object with one more last member, {@code "sig"}: the Base64 HMAC of the purpose
 * and the object without it, so that an application without a key still reads it, and a
 * list cannot pass for an event. Without a key nothing is signed and everything is
 * accepted. The key is never shown: not by {@link #toString()}, not in an exception.
 * Thread-safe.
 *
 * @author datapunk mesh team
 */
public final class MessageSigner {

	/** Signs nothing and accepts everything. */
	static final MessageSigner NONE = new MessageSigner(null);

	/** Shortest signing key accepted. */
	public static final int MIN_KEY_LENGTH = 16;

	private static final String ALGORITHM = "HmacSHA256";

	private static final String SIGNATURE = ",\"sig\":\"";

	private final SecretKeySpec key;

	private MessageSigner(byte[] key) {
		this.key = (key != null) ? new SecretKeySpec(key, ALGORITHM) : null;
	}

	/**
	 * Return a signer for a key, or {@link #NONE} without one.
	 * @param key the key, or {@code null}
	 */
	public static MessageSigner of(String key) {
		return (key != null) ? new MessageSigner(key.getBytes(StandardCharsets.UTF_8)) : NONE;
	}

	boolean isEnabled() {
		return this.key != null;
	}

	/**
	 * Sign a JSON object.
	 * @param purpose what the value is ("instances", "event")
	 * @param json the JSON object, as written
	 * @return the signed value, or the object itself without a key
	 */
	String sign(String purpose, String json) {
		if (this.key == null) {
			return json;
		}
		return json.substring(0, json.length() - 1) + SIGNATURE + mac(purpose, json) + "\"}";
	}

	/**
	 * Check a received value and return the JSON object that was signed.
	 * @param purpose what the value should be
	 * @param value the value as received
	 * @return the signed object, or the value itself without a key
	 * @throws IllegalArgumentException if a key is set and the value is unsigned or badly
	 * signed
	 */
	String verify(String purpose, String value) {
		if (this.key == null) {
			return value;
		}
		int at = value.lastIndexOf(SIGNATURE);
		if (at < 0 || !value.endsWith("\"}")) {
			throw new IllegalArgumentException("not signed");
		}
		String json = value.substring(0, at) + "}";
		byte[] expected = mac(purpose, json).getBytes(StandardCharsets.US_ASCII);
		byte[] received = value.substring(at + SIGNATURE.length(), value.length() - 2)
			.getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, received)) {
			throw new IllegalArgumentException("bad signature");
		}
		return json;
	}

	private String mac(String purpose, String json) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			mac.update(purpose.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return Base64.getEncoder().encodeToString(mac.doFinal(json.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			// HmacSHA256 is in every JDK; no key detail in the message.
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return (this.key != null) ? "MessageSigner[HMAC-SHA256, key hidden]" : "MessageSigner[none]";
	}

}
