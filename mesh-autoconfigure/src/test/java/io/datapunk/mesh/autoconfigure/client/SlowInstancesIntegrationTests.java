package io.datapunk.mesh.autoconfigure.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.datapunk.mesh.DeadlineExceededException;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.autoconfigure.resilience.app.OrdersClient;
import io.datapunk.mesh.autoconfigure.resilience.app.ResilienceAppConfiguration;
import io.datapunk.mesh.test.Concurrently;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.MovedInBoot4;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.autoconfigure.client.SlowInstances;

/**
 * Hung and trickling instances: the call's deadline covers the whole response, body
 * included; attempt threads are bounded and named; a hung instance costs at most the
 * attempt timeout, then the call moves on.
 */
class SlowInstancesIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two");

	private static SlowInstances.Hung hung;

	private static SlowInstances.Trickling trickling;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withUserConfiguration(ResilienceAppConfiguration.class)
		.withPropertyValues("mesh.services.orders.retry.base-backoff=1ms", "mesh.services.orders.retry.max-backoff=4ms",
				"mesh.services.orders.circuit-breaker.enabled=false");

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

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "simple" })
	void tricklingBodyShouldEndTheCallAtItsDeadline(String factory) {
		this.contextRunner
			.withPropertyValues(MovedInBoot4.httpClientFactory(factory), "mesh.services.orders.timeout=300ms",
					"mesh.services.orders.instances=" + trickling.uri())
			.run((context) -> {
				OrdersClient orders = client(context);
				long start = System.nanoTime();
				CompletableFuture<Map<String, Object>> call = CompletableFuture.supplyAsync(() -> orders.order("1"));
				// 300 ms plus generous slack for a busy machine; without a bound on
				// the body it would take the 30 s the server trickles.
				await().atMost(Duration.ofSeconds(5)).until(call::isDone);
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				assertThat(call).isCompletedExceptionally();
				assertThat(call.handle((result, ex) -> ex).join()).isInstanceOf(CompletionException.class)
					.cause()
					.isInstanceOf(DeadlineExceededException.class);
				assertThat(took).isLessThan(Duration.ofSeconds(5));
			});
	}

	@Test
	void hungInstanceShouldNotPileUpAttemptThreadsNorFailCallsToTheOthers() throws Exception {
		this.contextRunner
			.withPropertyValues(MovedInBoot4.httpClientFactory("simple"),
					"mesh.services.orders.instances=" + servers.uris() + "," + hung.uri(),
					"mesh.services.orders.load-balancer=round-robin", "mesh.services.orders.read-timeout=60s",
					"mesh.services.orders.attempt-timeout=1s", "mesh.services.orders.timeout=10s",
					"mesh.services.orders.retry-budget.retry-ratio=1",
					"mesh.services.orders.outlier-detection.enabled=false")
			.run((context) -> {
				OrdersClient orders = client(context);
				// Positive control: the healthy instances answer.
				assertThat(orders.order("0")).containsKey("server");
				AtomicInteger maxThreads = new AtomicInteger();
				AtomicInteger succeeded = new AtomicInteger();
				Thread sampler = new Thread(() -> {
					while (!Thread.currentThread().isInterrupted()) {
						maxThreads.accumulateAndGet(attemptThreads(), Math::max);
						try {
							Thread.sleep(20);
						}
						catch (InterruptedException ex) {
							return;
						}
					}
				});
				sampler.start();
				try {
					Concurrently.repeat(50, 20, () -> {
						assertThat(orders.order("1")).containsKey("server");
						succeeded.incrementAndGet();
					});
				}
				finally {
					sampler.interrupt();
					sampler.join();
				}
				assertThat(succeeded).hasValue(1000);
				assertThat(hung.connections()).as("calls that reached the hung instance").isPositive();
				// A third of the 1,000 calls first tried the hung instance; an attempt
				// abandoned there must not hold its thread for the 60 s read timeout.
				// The pool's bound holds whatever the load: with this test's 50 callers
				// it is far from reached, so no call was refused a thread.
				assertThat(maxThreads.get()).as("mesh attempt threads")
					.isPositive()
					.isLessThanOrEqualTo(ServiceTransports.MAX_ATTEMPT_THREADS);
			});
	}

	@Test
	void hungInstanceShouldCostTheAttemptTimeoutAndCountTowardEjection() {
		this.contextRunner
			.withPropertyValues(MovedInBoot4.httpClientFactory("simple"),
					"mesh.services.orders.instances=" + servers.get(0).uri() + "," + hung.uri(),
					"mesh.services.orders.load-balancer=round-robin", "mesh.services.orders.read-timeout=60s",
					"mesh.services.orders.attempt-timeout=1s", "mesh.services.orders.timeout=10s",
					"mesh.services.orders.retry-budget.retry-ratio=1",
					"mesh.services.orders.outlier-detection.consecutive-failures=3")
			.run((context) -> {
				OrdersClient orders = client(context);
				for (int i = 0; i < 20; i++) {
					assertThat(orders.order(Integer.toString(i))).containsEntry("server", "one");
				}
				OutlierDetector outliers = context.getBean(ResilienceRegistry.class)
					.forService("orders")
					.outlierDetector();
				assertThat(outliers.snapshot()).anySatisfy((state) -> {
					assertThat(state.instance()).hasToString(hung.uri().toString());
					assertThat(state.ejected()).isTrue();
				});
			});
	}

	private static int attemptThreads() {
		return (int) Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("mesh-attempt"))
			.count();
	}

	private static OrdersClient client(AssertableApplicationContext context) {
		// The raw mesh client: without the fallback, failures reach the test.
		return context.getBean(MeshClientFactory.class).createClient(OrdersClient.class, "orders");
	}

}
