package io.datapunk.mesh.autoconfigure.cache;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks {@code mesh.cache.redis.signing-key} in {@code /actuator/configprops} and
 * {@code /actuator/env} as a password is, whatever {@code show-values} says: Spring Boot
 * 3 masks no key by name on its own. Matches the property in any relaxed form
 * ({@code signingKey}, {@code MESH_CACHE_REDIS_SIGNINGKEY}).
 *
 * @author datapunk mesh team
 */
final class SigningKeySanitizer implements SanitizingFunction {

	@Override
	public SanitizableData apply(SanitizableData data) {
		return isSigningKey(data.getKey()) ? data.withSanitizedValue() : data;
	}

	static boolean isSigningKey(String key) {
		if (key == null) {
			return false;
		}
		String bare = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return bare.endsWith("signingkey") && (bare.contains("meshcacheredis") || bare.equals("signingkey"));
	}

}
