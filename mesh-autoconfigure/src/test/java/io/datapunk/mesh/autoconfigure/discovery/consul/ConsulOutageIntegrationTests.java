package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.consul.TestConsul;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.discovery.consul.ConsulTestApplications;
import io.datapunk.mesh.internal.discovery.consul.ConsulServiceWatches;
import io.datapunk.mesh.internal.discovery.consul.ConsulWatchStatus;

/**
 * Integration tests for Consul going away while an application calls services it found
 * there: the calls go on with the last known instances, and the watches come back.
 */
class ConsulOutageIntegrationTests {

	private static final Duration OUTAGE = Duration.ofSeconds(30);

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	@RegisterExtension
	static final TestHttpServers backends = TestHttpServers.named("one", "two", "three");

	@Test
	void consulStoppedForThirtySecondsUnderSteadyCallsFailsNoCall() throws Exception {
		for (TestHttpServer backend : backends.all()) {
			consul.client().registerPassing("inventory", "inventory-" + backend.name(), backend.port(), Map.of());
		}
		try (ConfigurableApplicationContext app = ConsulTestApplications.client(consul,
				"mesh.services.inventory.read-timeout=2s")) {
			MeshDiscovery discovery = app.getBean(MeshDiscovery.class);
			ConsulServiceWatches watches = app.getBean(ConsulServiceWatches.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> discovery.getInstances("inventory").size() == 3);
			RestClient client = app.getBean("meshRestClientBuilder", RestClient.Builder.class)
				.baseUrl("http://inventory")
				.build();
			AtomicInteger calls = new AtomicInteger();
			AtomicInteger failures = new AtomicInteger();
			AtomicReference<Throwable> firstFailure = new AtomicReference<>();
			AtomicBoolean calling = new AtomicBoolean(true);
			Thread caller = new Thread(() -> {
				while (calling.get()) {
					try {
						client.get().uri("/items/1").retrieve().toBodilessEntity();
					}
					catch (RuntimeException ex) {
						failures.incrementAndGet();
						firstFailure.compareAndSet(null, ex);
					}
					calls.incrementAndGet();
					sleep(20);
				}
			});
			caller.start();
			try {
				await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() > 20);
				consul.stop();
				long stopped = System.nanoTime();
				await().atMost(Duration.ofSeconds(5)).until(() -> !watches.status("inventory").isFresh());
				System.out.println("Watch reported stale " + Duration.ofNanos(System.nanoTime() - stopped).toMillis()
						+ " ms after Consul stopped: " + watches.status("inventory"));
				int hitsBefore = backends.totalHits();
				sleep(OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - stopped).toMillis());
				ConsulWatchStatus stale = watches.status("inventory");
				assertThat(stale.isFresh()).isFalse();
				assertThat(stale.getAge()).isGreaterThan(OUTAGE.minusSeconds(5));
				// The last error is Consul not answering, or, once the Consul client's
				// own
				// breaker opened on those failures (when depends on the machine's pace),
				// the breaker refusing to ask.
				assertThat(stale.getLastError()).containsAnyOf("did not answer", "circuit breaker is open");
				assertThat(stale.getInstances()).isEqualTo(3);
				assertThat(backends.totalHits() - hitsBefore).isGreaterThan(100);
				backends.all().forEach((backend) -> assertThat(backend.hits()).isPositive());
				consul.start();
				long restarted = System.nanoTime();
				await().atMost(Duration.ofSeconds(30)).until(() -> watches.status("inventory").isFresh());
				System.out.println("Watch fresh again " + Duration.ofNanos(System.nanoTime() - restarted).toMillis()
						+ " ms after Consul started: " + watches.status("inventory") + "; " + calls.get() + " calls, "
						+ failures.get() + " failed");
				assertThat(watches.status("inventory").getLastError()).isNull();
			}
			finally {
				calling.set(false);
				caller.join();
			}
			assertThat(failures.get()).as("failed calls, first: %s", firstFailure.get()).isZero();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(Math.max(0, millis));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
