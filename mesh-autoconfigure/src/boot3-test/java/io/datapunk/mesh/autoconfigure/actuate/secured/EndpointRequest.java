package io.datapunk.mesh.autoconfigure.actuate.secured;

import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Boot's {@code EndpointRequest} under the one name both lines' test sources use,
 * so that {@link SecuredStorefrontApplication} keeps the README's security chain word for
 * word (Boot 4 moved the class to its security module).
 */
final class EndpointRequest {

	private EndpointRequest() {
	}

	static RequestMatcher toAnyEndpoint() {
		return org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest.toAnyEndpoint();
	}

	static RequestMatcher to(String... endpoints) {
		return org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest.to(endpoints);
	}

}
