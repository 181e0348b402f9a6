package io.datapunk.mesh.health;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health of one called service: DOWN while none of its instances is available or its
 * circuit breaker is open, with the counts behind that verdict.
 *
 * @author datapunk mesh team
 */
final class ServiceHealthIndicator extends AbstractHealthIndicator {

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
		(state.isDown() ? builder.down() : builder.up()).withDetail("instances", state.instances())
			.withDetail("available", state.available())
			.withDetail("ejected", state.ejected())
			.withDetail("circuitBreaker", state.breakerState())
			.withDetail("critical", state.critical());
	}

}
