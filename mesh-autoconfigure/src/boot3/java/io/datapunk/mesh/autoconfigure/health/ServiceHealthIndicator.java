package io.datapunk.mesh.autoconfigure.health;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import io.datapunk.mesh.internal.health.MeshServices;
import io.datapunk.mesh.internal.health.ServiceState;

/**
 * Health of one called service, with the counts behind the verdict. While it has no
 * instance or its circuit breaker is open, a critical service is {@code DOWN}, and any
 * other one {@link #UNAVAILABLE}: a status Spring Boot's aggregation leaves out (as
 * Resilience4j's {@code CIRCUIT_OPEN}), so that the application's own health does not
 * fall with a dependency it can do without. Otherwise every application whose health
 * check (Consul's, a load balancer's) reads {@code /actuator/health} would be taken out
 * of the mesh because a service it calls is down, and two applications that call each
 * other could never both come up.
 *
 * @author datapunk mesh team
 */
final class ServiceHealthIndicator extends AbstractHealthIndicator {

	/** The status of a service that is down but not critical. */
	static final Status UNAVAILABLE = new Status("UNAVAILABLE",
			"No instance available or circuit breaker open; not critical to this application");

	private final MeshServices services;

	private final String serviceId;

	ServiceHealthIndicator(MeshServices services, String serviceId) {
		super("Mesh health check failed for service '" + serviceId + "'");
		this.services = services;
		this.serviceId = serviceId;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ServiceState state = this.services.state(this.serviceId);
		builder.status(!state.isDown() ? Status.UP : (state.critical() ? Status.DOWN : UNAVAILABLE))
			.withDetail("instances", state.instances())
			.withDetail("available", state.available())
			.withDetail("ejected", state.ejected())
			.withDetail("circuitBreaker", state.breakerState())
			.withDetail("critical", state.critical());
	}

}
