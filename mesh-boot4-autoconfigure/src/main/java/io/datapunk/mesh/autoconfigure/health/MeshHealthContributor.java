package io.datapunk.mesh.autoconfigure.health;

import java.util.stream.Stream;

import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import io.datapunk.mesh.internal.health.MeshServices;

/**
 * The {@code mesh} health contributor: one indicator per called service, named after the
 * service, so that {@code /actuator/health/mesh/inventory} reports one service. Services
 * appear as they are configured or first called. Thread-safe. (Boot 4 twin of the 3.5
 * class: its composite lists entries with {@code stream()}, not {@code iterator()}.)
 *
 * @since 0.1.0
 */
public class MeshHealthContributor implements CompositeHealthContributor {

	private final MeshServices services;

	/**
	 * Create the contributor.
	 * @param services the services to report
	 */
	public MeshHealthContributor(MeshServices services) {
		this.services = services;
	}

	@Override
	public HealthContributor getContributor(String name) {
		return this.services.isKnown(name) ? new ServiceHealthIndicator(this.services, name) : null;
	}

	@Override
	public Stream<Entry> stream() {
		return this.services.names()
			.stream()
			.map((name) -> new Entry(name, new ServiceHealthIndicator(this.services, name)));
	}

}
