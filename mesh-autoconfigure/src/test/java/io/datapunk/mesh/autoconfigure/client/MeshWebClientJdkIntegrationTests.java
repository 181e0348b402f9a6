package io.datapunk.mesh.autoconfigure.client;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.http.client.reactive.JdkClientHttpConnector;

/**
 * The {@code WebClient} scenarios again on the JDK's HTTP client: this test runs where
 * Reactor Netty is left off the classpath, so Spring Boot picks the JDK connector (the
 * build's {@code webclient-jdk} execution only).
 */
@EnabledIfSystemProperty(named = "mesh.test.webclient-jvm", matches = "jdk",
		disabledReason = "runs in the webclient-jdk execution only")
class MeshWebClientJdkIntegrationTests extends MeshWebClientNettyIntegrationTests {

	@Override
	protected Class<?> expectedConnector() {
		return JdkClientHttpConnector.class;
	}

}
