package io.datapunk.mesh.benchmarks.load;

import java.util.Map;

/**
 * Keeps the blocking variants on the JDK's HTTP client. Spring Boot picks Reactor Netty
 * before the JDK client when both are on the class path, and the reactive variants put it
 * there: without this, adding them would have changed the transport of the mesh and
 * spring-cloud-observed variants, and so their results.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public final class BlockingTransport {

	private BlockingTransport() {
	}

	/**
	 * Add the properties that choose the JDK client, under both Boot lines' names.
	 * @param properties an application's default properties
	 */
	public static void pinJdkClient(Map<String, Object> properties) {
		// Spring Boot 3.5.
		properties.put("spring.http.client.factory", "jdk");
		// Spring Boot 4.
		properties.put("spring.http.clients.imperative.factory", "jdk");
	}

}
