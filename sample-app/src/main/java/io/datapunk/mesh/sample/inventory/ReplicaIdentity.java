package io.datapunk.mesh.sample.inventory;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The name of this replica, {@code inventory-<port>}, so that callers see which replica
 * answered.
 *
 * @author datapunk mesh team
 */
@Component
class ReplicaIdentity implements ApplicationListener<WebServerInitializedEvent> {

	// Replicas listen on port 0: the port, and so the name, is known only once
	// the server runs.
	private volatile String name = "inventory";

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		// A separate management server has a namespace; the name follows the main server.
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.name = "inventory-" + event.getWebServer().getPort();
		}
	}

	String name() {
		return this.name;
	}

}
