package io.datapunk.mesh.autoconfigure.health;

import java.util.Iterator;

import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.NamedContributor;
import io.datapunk.mesh.internal.health.MeshServices;

/**
 * The {@code mesh} health contributor: one indicator per called service, named after the
 * service, so that {@code /actuator/health/mesh/inventory} reports one service. Services
 * appear as they are configured or first called. Thread-safe.
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
	public Iterator<NamedContributor<HealthContributor>> iterator() {
		return this.services.names()
			.stream()
			.map((name) -> NamedContributor.<HealthContributor>of(name,
					new ServiceHealthIndicator(this.services, name)))
			.iterator();
	}

}
