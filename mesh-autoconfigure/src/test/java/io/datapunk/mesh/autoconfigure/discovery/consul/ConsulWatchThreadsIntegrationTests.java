package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.datapunk.mesh.test.consul.TestConsul;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.discovery.consul.MeshConsulProperties;
import io.datapunk.mesh.internal.discovery.consul.ConsulApi;
import io.datapunk.mesh.internal.discovery.consul.ConsulServiceWatches;

/**
 * A thousand watched services hold a bounded number of threads: no thread waits while
 * Consul holds a blocking query.
 */
class ConsulWatchThreadsIntegrationTests {

	private static final int SERVICES = 1000;

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	@Test
	void thousandWatchedServicesShouldHoldABoundedNumberOfThreads() {
		ConsulApi api = new ConsulApi(URI.create("http://" + consul.host() + ":" + consul.port() + "/"), null,
				CircuitBreaker.ofDefaults("consul"));
		ConsulServiceWatches watches = new ConsulServiceWatches(api, new MeshConsulProperties.Watch(), (event) -> {
		}, Clock.systemUTC(), Set.of());
		try {
			int before = threadsOutsideTheTestServer();
			for (int i = 0; i < SERVICES; i++) {
				watches.watch("service-" + i);
			}
			// Every watch answered, and holds a blocking query (index > 0) at Consul.
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> watches.statuses().values().stream().filter((s) -> s.getIndex() > 0).count() == SERVICES);
			int after = threadsOutsideTheTestServer();
			System.out.println(SERVICES + " watched services: " + before + " threads before, " + after
					+ " after (test server's own threads left out), " + Thread.activeCount() + " in all");
			assertThat(after - before).as("threads added by %s watches", SERVICES).isLessThan(20);
			// The watches still work: a change reaches its watch through its blocking
			// query.
			consul.client().registerPassing("service-7", "service-7-1", 8080, Map.of());
			await().atMost(Duration.ofSeconds(30)).until(() -> watches.instances("service-7").size() == 1);
		}
		finally {
			watches.destroy();
		}
	}

	private static int threadsOutsideTheTestServer() {
		return (int) Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && !thread.getName().startsWith("consul-test-http"))
			.count();
	}

}
