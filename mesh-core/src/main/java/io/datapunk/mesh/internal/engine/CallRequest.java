package io.datapunk.mesh.internal.engine;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;

/**
 * What the engine needs of one logical call: the service, the logical request (its method
 * and URI, and what a {@code RetryCondition} is shown), the headers each attempt sends
 * and whether the caller marked it idempotent. The engine writes two things into the
 * headers before each attempt: the time the attempt has ({@code Mesh-Timeout}, when
 * deadlines propagate) and, through the observer, the trace context.
 *
 * @param serviceId the called service, a valid service name
 * @param logical the logical request ({@code http://<service>/...})
 * @param headers the headers of every attempt
 * @param markedIdempotent whether the caller marked the request {@code @Idempotent}
 * @since 0.1.0
 */
public record CallRequest(String serviceId, HttpRequest logical, HttpHeaders headers, boolean markedIdempotent) {

	HttpMethod method() {
		return this.logical.getMethod();
	}

}
