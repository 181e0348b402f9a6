package io.datapunk.mesh.sample.inventory;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The name of this replica, {@code inventory-<port>}, so that callers see which replica
 * answered.
 *
 * @author datapunk mesh team
 */
@Component
class ReplicaIdentity {

	private final Environment environment;

	ReplicaIdentity(Environment environment) {
		this.environment = environment;
	}

	String name() {
		// Replicas listen on port 0: the port, and so the name, is known only once the
		// server runs. Spring Boot publishes it as local.server.port (the main server's,
		// a separate management server has its own key) on every Boot line, where the
		// web server's event moved package in Boot 4.
		String port = this.environment.getProperty("local.server.port");
		return (port != null) ? "inventory-" + port : "inventory";
	}

}
