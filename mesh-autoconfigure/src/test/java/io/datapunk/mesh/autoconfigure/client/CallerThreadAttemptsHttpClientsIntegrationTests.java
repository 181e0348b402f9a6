package io.datapunk.mesh.autoconfigure.client;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.datapunk.mesh.DeadlineExceededException;
import io.datapunk.mesh.autoconfigure.resilience.app.OrdersClient;
import io.datapunk.mesh.autoconfigure.resilience.app.ResilienceAppConfiguration;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.MovedInBoot4;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * On Apache HttpClient 5, attempts run on the caller's thread, with no worker thread, and
 * still end on time: at the attempt timeout on a hung instance, at the deadline on a slow
 * one and on a trickling body. Runs in the {@code http-clients} Surefire execution, the
 * only one with HttpClient 5 and Jetty on the class path.
 */
@EnabledIf("io.datapunk.mesh.autoconfigure.client.OneRequestPerAttemptHttpClientsIntegrationTests#allClientsPresent")
class CallerThreadAttemptsHttpClientsIntegrationTests {

	/** Generous for a busy machine, yet far below what a slow instance would take. */
	private static final Duration LATE = Duration.ofSeconds(5);

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two");

	private static SlowInstances.Hung hung;

	private static SlowInstances.Trickling trickling;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withUserConfiguration(ResilienceAppConfiguration.class)
		.withPropertyValues("mesh.services.orders.retry.base-backoff=1ms", "mesh.services.orders.retry.max-backoff=4ms",
				"mesh.services.orders.circuit-breaker.enabled=false",
				"mesh.services.orders.outlier-detection.enabled=false");

	@BeforeAll
	static void startSlowInstances() throws Exception {
		hung = new SlowInstances.Hung();
		trickling = new SlowInstances.Trickling();
	}

	@AfterAll
	static void stopSlowInstances() throws Exception {
		hung.close();
		trickling.close();
	}

	@Test
	void hungInstanceShouldCostTheAttemptTimeoutThenTheCallGoesElsewhere() {
		onHttpComponents("mesh.services.orders.instances=" + hung.uri() + "," + servers.get(0).uri(),
				"mesh.services.orders.load-balancer=round-robin", "mesh.services.orders.read-timeout=60s",
				"mesh.services.orders.attempt-timeout=500ms", "mesh.services.orders.timeout=10s",
				"mesh.services.orders.retry-budget.retry-ratio=1")
			.run((context) -> {
				OrdersClient orders = client(context);
				int before = hung.connections();
				for (int i = 0; i < 4; i++) {
					long start = System.nanoTime();
					assertThat(orders.order(Integer.toString(i))).containsEntry("server", "one");
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LATE);
				}
				// Round robin sent some of those calls to the hung instance first.
				assertThat(hung.connections()).isGreaterThan(before);
			});
	}

	@Test
	void tricklingBodyShouldEndTheCallAtItsDeadline() {
		onHttpComponents("mesh.services.orders.timeout=300ms", "mesh.services.orders.instances=" + trickling.uri())
			.run((context) -> {
				OrdersClient orders = client(context);
				long start = System.nanoTime();
				CompletableFuture<Map<String, Object>> call = CompletableFuture.supplyAsync(() -> orders.order("1"));
				// Without the watchdog, the body would take the 30 s the server
				// trickles.
				await().atMost(LATE).until(call::isDone);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LATE);
				assertThat(call.handle((result, ex) -> ex).join()).cause()
					.isInstanceOf(DeadlineExceededException.class);
			});
	}

	@Test
	void deadlineShorterThanASlowInstanceShouldEndTheCallAtTheDeadline() {
		onHttpComponents("mesh.services.orders.timeout=300ms", "mesh.services.orders.instances=" + servers.get(0).uri())
			.run((context) -> {
				OrdersClient orders = client(context);
				// Positive control: the same call, answered at once.
				assertThat(orders.order("0")).containsEntry("server", "one");
				servers.get(0).delay(Duration.ofSeconds(10));
				long start = System.nanoTime();
				assertThatExceptionOfType(DeadlineExceededException.class).isThrownBy(() -> orders.order("1"))
					.satisfies((ex) -> {
						assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(290), LATE);
						assertThat(ex.getAttempts()).hasSize(1);
						assertThat(ex.getCause()).isInstanceOf(SocketTimeoutException.class);
					});
			});
	}

	@Test
	void attemptsShouldRunOnTheCallersThreadOnHttpComponentsOnly() {
		String[] instances = { "mesh.services.orders.instances=" + hung.uri() + "," + servers.get(0).uri(),
				"mesh.services.orders.load-balancer=round-robin", "mesh.services.orders.attempt-timeout=300ms",
				"mesh.services.orders.retry-budget.retry-ratio=1" };
		// Positive control: on Jetty, whose timeouts are fixed per client, attempts
		// run on mesh-attempt threads (idle ones live on while the context does).
		this.contextRunner.withPropertyValues(MovedInBoot4.httpClientFactory("jetty"))
			.withPropertyValues(instances)
			.run((context) -> {
				Set<Thread> before = attemptThreads();
				callBothInstances(client(context));
				assertThat(startedSince(before)).as("mesh-attempt threads started by Jetty calls").isNotEmpty();
			});
		onHttpComponents(instances).run((context) -> {
			// Those of the closed context may still be ending; none is new.
			Set<Thread> before = attemptThreads();
			callBothInstances(client(context));
			assertThat(startedSince(before)).as("mesh-attempt threads started by HttpClient 5 calls").isEmpty();
		});
	}

	private static void callBothInstances(OrdersClient orders) {
		// Round robin: one of these calls first tries the hung instance, times out
		// there and moves on.
		for (int i = 0; i < 2; i++) {
			assertThat(orders.order(Integer.toString(i))).containsEntry("server", "one");
		}
	}

	private ApplicationContextRunner onHttpComponents(String... properties) {
		return this.contextRunner.withPropertyValues(MovedInBoot4.httpClientFactory("http-components"))
			.withPropertyValues(properties);
	}

	private static Set<Thread> attemptThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("mesh-attempt-"))
			.collect(Collectors.toCollection(HashSet::new));
	}

	private static Set<Thread> startedSince(Set<Thread> before) {
		Set<Thread> started = attemptThreads();
		started.removeAll(before);
		return started;
	}

	private static OrdersClient client(AssertableApplicationContext context) {
		// The raw mesh client: without the fallback, failures reach the test.
		return context.getBean(MeshClientFactory.class).createClient(OrdersClient.class, "orders");
	}

}
