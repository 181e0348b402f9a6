package io.datapunk.mesh.autoconfigure.actuate;

import java.util.Arrays;
import java.util.Locale;

import io.datapunk.mesh.internal.health.MeshServices;
import io.datapunk.mesh.internal.resilience.ServiceResilience;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;

/**
 * The {@code mesh} endpoint with operations that change the mesh's state, created instead
 * of {@link MeshEndpoint} only when {@code mesh.actuator.write-operations.enabled=true}.
 * {@code POST /actuator/mesh/{service}} with {@code {"circuitBreaker": "FORCED_OPEN"}}
 * moves the service's breaker to that state ({@code CLOSED}, {@code OPEN},
 * {@code HALF_OPEN}, {@code FORCED_OPEN}, {@code DISABLED} or {@code METRICS_ONLY}). Only
 * an authenticated caller with the role {@code mesh.actuator.write-operations.role}
 * ({@code MESH_ADMIN} by default) may use it; secure the path as well (see the README).
 * Each change, and each refusal, is logged.
 *
 * @since 0.1.0
 */
@Endpoint(id = "mesh")
public class WritableMeshEndpoint extends MeshEndpoint {

	private static final Log logger = LogFactory.getLog(WritableMeshEndpoint.class);

	private final MeshServices services;

	private final String role;

	WritableMeshEndpoint(MeshDescriptors descriptors, MeshServices services, String role) {
		super(descriptors);
		this.services = services;
		this.role = role;
	}

	/**
	 * Change a service's state. The caller must be authenticated and, unless
	 * {@code mesh.actuator.write-operations.role} is empty, have that role: the endpoint
	 * checks it itself, so a security setup that forgot this path still refuses writes.
	 * @param caller who calls, as the web layer (Spring Security or the servlet
	 * container) authenticated them
	 * @param service the service name
	 * @param circuitBreaker the state to move its breaker to, or {@code null} to leave it
	 * @return the service's descriptor after the change; 401 for an anonymous caller, 403
	 * for one without the role, 404 for an unknown service, 400 for an unknown state or a
	 * service without a breaker
	 */
	@WriteOperation
	public WebEndpointResponse<Object> changeService(SecurityContext caller, @Selector String service,
			@Nullable String circuitBreaker) {
		if (caller.getPrincipal() == null) {
			return new WebEndpointResponse<>("Authentication required", HttpStatus.UNAUTHORIZED.value());
		}
		if (!this.role.isEmpty() && !caller.isUserInRole(this.role)) {
			logger.warn("Refused a change of service '" + service + "' through the mesh endpoint: '"
					+ caller.getPrincipal().getName() + "' lacks role " + this.role);
			return new WebEndpointResponse<>("Role " + this.role + " required", HttpStatus.FORBIDDEN.value());
		}
		if (!this.services.isKnown(service)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		if (circuitBreaker != null) {
			ServiceResilience resilience = this.services.resilience(service);
			CircuitBreaker breaker = (resilience != null) ? resilience.circuitBreaker() : null;
			if (breaker == null) {
				return badRequest("Service '" + service + "' has no circuit breaker");
			}
			CircuitBreaker.State target = stateOf(circuitBreaker);
			if (target == null) {
				return badRequest("Unknown circuit breaker state '" + circuitBreaker + "'; known: "
						+ Arrays.toString(CircuitBreaker.State.values()));
			}
			logger.warn("Circuit breaker of service '" + service + "' moved from " + breaker.getState() + " to "
					+ target + " through the mesh endpoint by '" + caller.getPrincipal().getName() + "'");
			transition(breaker, target);
		}
		return new WebEndpointResponse<>(descriptors().service(service));
	}

	private static CircuitBreaker.State stateOf(String name) {
		try {
			return CircuitBreaker.State.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static void transition(CircuitBreaker breaker, CircuitBreaker.State target) {
		switch (target) {
			case CLOSED -> breaker.transitionToClosedState();
			case OPEN -> breaker.transitionToOpenState();
			case HALF_OPEN -> breaker.transitionToHalfOpenState();
			case FORCED_OPEN -> breaker.transitionToForcedOpenState();
			case DISABLED -> breaker.transitionToDisabledState();
			case METRICS_ONLY -> breaker.transitionToMetricsOnlyState();
		}
	}

	private static WebEndpointResponse<Object> badRequest(String message) {
		return new WebEndpointResponse<>(message, WebEndpointResponse.STATUS_BAD_REQUEST);
	}

}
