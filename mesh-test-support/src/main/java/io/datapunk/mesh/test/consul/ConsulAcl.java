package io.datapunk.mesh.test.consul;

import java.util.Map;

import com.sun.net.httpserver.Headers;

/**
 * The test agent's ACL: one configured token that may do everything, every other token
 * unknown. A token is read as Consul reads it: {@code X-Consul-Token}, then
 * {@code Authorization: Bearer}, then {@code ?token=}.
 *
 * @author datapunk mesh team
 */
final class ConsulAcl {

	private final String token;

	/**
	 * Create the ACL.
	 * @param token the token every call needs, {@code null} for no ACLs
	 */
	ConsulAcl(String token) {
		this.token = token;
	}

	/**
	 * Check a request's token.
	 * @return the answer that denies the request, or {@code null} if it may go on
	 */
	ConsulAnswer deny(Headers headers, Map<String, String> query) {
		if (this.token == null) {
			return null;
		}
		String token = headers.getFirst("X-Consul-Token");
		String authorization = headers.getFirst("Authorization");
		if (token == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			token = authorization.substring(7).strip();
		}
		if (token == null) {
			token = query.get("token");
		}
		if (token == null || token.isEmpty()) {
			return ConsulAnswer.text(403, "Permission denied: anonymous token lacks permission");
		}
		return this.token.equals(token) ? null : ConsulAnswer.text(403, "ACL not found");
	}

}
