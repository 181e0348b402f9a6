package io.datapunk.mesh.autoconfigure.client;

import org.springframework.http.client.reactive.JdkClientHttpConnector;

/**
 * The {@code WebClient} scenarios again on the JDK's HTTP client: this test runs where
 * Reactor Netty is left off the classpath, so Spring Boot picks the JDK connector.
 */
class MeshWebClientJdkIntegrationTests extends MeshWebClientNettyIntegrationTests {

	@Override
	protected Class<?> expectedConnector() {
		return JdkClientHttpConnector.class;
	}

}
