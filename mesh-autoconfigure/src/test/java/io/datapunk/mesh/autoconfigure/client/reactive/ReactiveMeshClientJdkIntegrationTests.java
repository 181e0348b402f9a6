package io.datapunk.mesh.autoconfigure.client.reactive;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The reactive {@code @MeshClient} scenarios again on the JDK's HTTP client: this test
 * runs where Reactor Netty is left off the classpath (the build's {@code webclient-jdk}
 * execution only).
 */
@EnabledIfSystemProperty(named = "mesh.test.webclient-jvm", matches = "jdk",
		disabledReason = "runs in the webclient-jdk execution only")
class ReactiveMeshClientJdkIntegrationTests extends ReactiveMeshClientNettyIntegrationTests {

}
