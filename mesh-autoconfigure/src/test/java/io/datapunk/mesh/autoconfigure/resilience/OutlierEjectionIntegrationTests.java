package io.datapunk.mesh.autoconfigure.resilience;

import java.time.Duration;
import java.util.List;

import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.autoconfigure.resilience.app.OrdersClient;
import io.datapunk.mesh.autoconfigure.resilience.app.ResilienceAppConfiguration;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.resilience.InstanceOutlierState;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.internal.resilience.OutlierDetector;

/**
 * Outlier ejection of a flaky instance among three real HTTP servers on 127.0.0.1: the
 * caller sees no error, the instance is ejected, and it comes back once it recovers.
 */
class OutlierEjectionIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withUserConfiguration(ResilienceAppConfiguration.class)
		// Round robin: this is about ejection and readmission; p2c-ewma would keep
		// avoiding the readmitted instance while its failures fade from its average.
		.withPropertyValues("mesh.services.orders.load-balancer=round-robin",
				"mesh.services.orders.retry.base-backoff=1ms", "mesh.services.orders.retry.max-backoff=4ms",
				"mesh.services.orders.outlier-detection.base-ejection-time=300ms",
				"mesh.services.orders.outlier-detection.max-ejection-time=600ms");

	@Test
	void instanceAnswering503ForHalfItsCallsShouldBeEjectedThenReadmittedWithoutErrors() throws Exception {
		TestHttpServer flaky = servers.get(2);
		// Half of its answers are 503, in runs of five: enough to be ejected.
		flaky.respondInTurn(503, 503, 503, 503, 503, 200, 200, 200, 200, 200);
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances="
					+ String.join(",", servers.all().stream().map((server) -> server.uri().toString()).toList()))
			.run((context) -> {
				OrdersClient orders = context.getBean(MeshClientFactory.class)
					.createClient(OrdersClient.class, "orders");
				OutlierDetector outliers = context.getBean(ResilienceRegistry.class)
					.forService("orders")
					.outlierDetector();
				for (int i = 0; i < 1000; i++) {
					assertThat(orders.order(Integer.toString(i))).containsKey("server");
				}
				assertThat(flaky.received()).extracting(TestHttpServer.Received::method).isNotEmpty();
				assertThat(stateOf(outliers, flaky).ejectionCount()).isPositive();

				flaky.respondWith(200);
				awaitReadmission(outliers, flaky);
				flaky.reset();
				for (int i = 0; i < 300; i++) {
					assertThat(orders.order(Integer.toString(i))).containsKey("server");
				}
				// Recovered and readmitted: it takes its share again and stays in.
				assertThat(flaky.hits()).isGreaterThan(50);
				assertThat(stateOf(outliers, flaky).ejected()).isFalse();
			});
	}

	private static InstanceOutlierState stateOf(OutlierDetector outliers, TestHttpServer server) {
		return outliers.snapshot()
			.stream()
			.filter((state) -> state.instance().equals(server.uri()))
			.findFirst()
			.orElseThrow();
	}

	private static void awaitReadmission(OutlierDetector outliers, TestHttpServer server) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (stateOf(outliers, server).ejected() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(stateOf(outliers, server).ejected()).isFalse();
	}

}
