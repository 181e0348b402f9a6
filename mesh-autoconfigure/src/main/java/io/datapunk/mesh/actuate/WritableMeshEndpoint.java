package io.datapunk.mesh.actuate;

import java.util.Arrays;
import java.util.Locale;

import io.datapunk.mesh.health.MeshServices;
import io.datapunk.mesh.resilience.ServiceResilience;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.lang.Nullable;

/**
 * The {@code mesh} endpoint with operations that change the mesh's state, created instead
 * of {@link MeshEndpoint} only when {@code mesh.actuator.write-operations.enabled=true}.
 * {@code POST /actuator/mesh/{service}} with {@code {"circuitBreaker": "FORCED_OPEN"}}
 * moves the service's breaker to that state ({@code CLOSED}, {@code OPEN},
 * {@code HALF_OPEN}, {@code FORCED_OPEN}, {@code DISABLED} or {@code METRICS_ONLY}).
 * Anyone who can reach it can take a service out of the mesh: secure it (see the README).
 * Each change is logged.
 *
 * @since 0.1.0
 */
@Endpoint(id = "mesh")
public class WritableMeshEndpoint extends MeshEndpoint {

	private static final Log logger = LogFactory.getLog(WritableMeshEndpoint.class);

	private final MeshServices services;

	WritableMeshEndpoint(MeshDescriptors descriptors, MeshServices services) {
		super(descriptors);
		this.services = services;
	}

	/**
	 * Change a service's state.
	 * @param service the service name
	 * @param circuitBreaker the state to move its breaker to, or {@code null} to leave it
	 * @return the service's descriptor after the change; 404 for an unknown service, 400
	 * for an unknown state or a service without a breaker
	 */
	@WriteOperation
	public WebEndpointResponse<Object> changeService(@Selector String service, @Nullable String circuitBreaker) {
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
					+ target + " through the mesh endpoint");
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
