package io.datapunk.mesh.autoconfigure.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.CircuitOpenException;
import io.datapunk.mesh.DeadlineExceededException;
import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.autoconfigure.resilience.app.OrdersClient;
import io.datapunk.mesh.autoconfigure.resilience.app.ResilienceAppConfiguration;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.service.annotation.GetExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.internal.resilience.InstanceOutlierState;
import io.datapunk.mesh.internal.resilience.ServiceResilience;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.internal.resilience.Deadline;
import io.datapunk.mesh.internal.resilience.InboundDeadline;

/**
 * The circuit breaker of a service and the fallback of its client, against real HTTP
 * servers on 127.0.0.1. A small window (4 calls) and a short open state (300 ms) keep it
 * quick.
 */
class CircuitBreakerIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withUserConfiguration(ResilienceAppConfiguration.class)
		.withPropertyValues("mesh.services.orders.circuit-breaker.sliding-window-size=4",
				"mesh.services.orders.circuit-breaker.minimum-number-of-calls=4",
				"mesh.services.orders.circuit-breaker.wait-duration-in-open-state=300ms",
				"mesh.services.orders.circuit-breaker.permitted-number-of-calls-in-half-open-state=1",
				"mesh.services.orders.outlier-detection.enabled=false");

	@Test
	void breakerShouldOpenAfterTheThresholdFailFastThenCloseAfterASuccessfulProbe() {
		servers.respondWith(500);
		// An open state long enough for the fail-fast calls below on a busy machine; the
		// probe is then awaited, not timed.
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances=" + servers.uris(),
					"mesh.services.orders.circuit-breaker.wait-duration-in-open-state=3s")
			.run((context) -> {
				OrdersClient orders = rawClient(context);
				for (int i = 0; i < 4; i++) {
					assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> orders.order("1"));
				}
				CircuitBreaker breaker = breaker(context);
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
				int hitsWhenOpened = servers.totalHits();
				for (int i = 0; i < 20; i++) {
					assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> orders.order("1"))
						.satisfies((ex) -> {
							assertThat(ex.getServiceId()).isEqualTo("orders");
							assertThat(ex.getAttempts()).isEmpty();
							assertThat(ex.getState()).isEqualTo("OPEN");
						})
						.withMessageContaining(
								"the circuit breaker is OPEN (failure rate 100 %), so no request was sent");
				}
				assertThat(servers.totalHits()).isEqualTo(hitsWhenOpened);

				servers.respondWith(200);
				await().atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(100))
					.ignoreException(CircuitOpenException.class)
					.until(() -> orders.order("1").containsKey("server"));
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
				assertThat(orders.order("2")).containsKey("server");
			});
	}

	@Test
	void failedProbeShouldOpenTheBreakerAgain() {
		servers.respondWith(503);
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances=" + servers.uris(),
					"mesh.services.orders.retry.base-backoff=1ms")
			.run((context) -> {
				OrdersClient orders = rawClient(context);
				for (int i = 0; i < 4; i++) {
					assertThatExceptionOfType(io.datapunk.mesh.RetriesExhaustedException.class)
						.isThrownBy(() -> orders.order("1"));
				}
				assertThat(breaker(context).getState()).isEqualTo(CircuitBreaker.State.OPEN);
				Thread.sleep(400);
				assertThatExceptionOfType(io.datapunk.mesh.RetriesExhaustedException.class)
					.isThrownBy(() -> orders.order("1"));
				assertThat(breaker(context).getState()).isEqualTo(CircuitBreaker.State.OPEN);
			});
	}

	@Test
	void fallbackShouldAnswerWhenTheBreakerIsOpen() {
		servers.respondWith(500);
		this.contextRunner.withPropertyValues("mesh.services.orders.instances=" + servers.uris()).run((context) -> {
			OrdersClient orders = context.getBean(OrdersClient.class);
			// A 5xx answer is the service's own: it reaches the caller, the fallback
			// stays out.
			for (int i = 0; i < 4; i++) {
				assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> orders.order("1"));
			}
			int hitsWhenOpened = servers.totalHits();
			assertThat(orders.order("7")).containsEntry("server", "fallback").containsEntry("id", "7");
			assertThat(servers.totalHits()).isEqualTo(hitsWhenOpened);
		});
	}

	@Test
	void fallbackShouldNotAnswerForA4xx() {
		servers.respondWith(404);
		this.contextRunner.withPropertyValues("mesh.services.orders.instances=" + servers.uris())
			.run((context) -> assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
				.isThrownBy(() -> context.getBean(OrdersClient.class).order("1")));
	}

	@Test
	void fallbackShouldAnswerWhenNoInstanceIsKnown() {
		this.contextRunner.run((context) -> assertThat(context.getBean(OrdersClient.class).order("3"))
			.containsEntry("server", "fallback"));
	}

	@Test
	void meshClientShouldBeThePrimaryBeanOfItsInterfaceBesideItsFallback() {
		this.contextRunner.withPropertyValues("mesh.services.orders.instances=" + servers.uris()).run((context) -> {
			assertThat(context.getBeansOfType(OrdersClient.class)).hasSize(2);
			assertThat(context.getBean(OrdersClient.class).order("1")).containsKey("server")
				.doesNotContainEntry("server", "fallback");
		});
	}

	@Test
	void disabledBreakerShouldLetEveryCallThrough() {
		servers.respondWith(500);
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances=" + servers.uris(),
					"mesh.services.orders.circuit-breaker.enabled=false")
			.run((context) -> {
				for (int i = 0; i < 20; i++) {
					assertThatExceptionOfType(HttpServerErrorException.class)
						.isThrownBy(() -> rawClient(context).order("1"));
				}
				assertThat(servers.totalHits()).isEqualTo(20);
				assertThat(context.getBean(ResilienceRegistry.class).forService("orders").circuitBreaker()).isNull();
			});
	}

	@Test
	void callerDeadlinesThatCutCallsShouldNeitherOpenTheBreakerNorEjectInstances() {
		servers.all().forEach((server) -> server.delay(Duration.ofMillis(500)));
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances=" + servers.uris(),
					"mesh.services.orders.outlier-detection.enabled=true",
					"mesh.services.orders.outlier-detection.consecutive-failures=2")
			.run((context) -> {
				OrdersClient orders = rawClient(context);
				for (int i = 0; i < 10; i++) {
					// As if the request being served carried Mesh-Timeout: 30.
					try (InboundDeadline.Scope scope = InboundDeadline.open(Deadline.after(Duration.ofMillis(30)))) {
						assertThatExceptionOfType(DeadlineExceededException.class).isThrownBy(() -> orders.order("1"));
					}
				}
				ServiceResilience resilience = context.getBean(ResilienceRegistry.class).forService("orders");
				assertThat(resilience.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
				assertThat(resilience.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
				assertThat(resilience.outlierDetector().snapshot()).noneMatch(InstanceOutlierState::ejected);
			});
	}

	@Test
	void ownTimeoutThatCutsCallsShouldOpenTheBreaker() {
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances=" + servers.uris(),
					"mesh.services.orders.timeout=100ms")
			.run((context) -> {
				OrdersClient orders = rawClient(context);
				// Warm up, so that no deadline passes before an attempt is even sent; on
				// a
				// busy machine the first calls can take longer than the 100 ms deadline.
				await().atMost(Duration.ofSeconds(30))
					.ignoreExceptions()
					.until(() -> orders.order("0").containsKey("server"));
				servers.all().forEach((server) -> server.delay(Duration.ofMillis(500)));
				for (int i = 0; i < 6; i++) {
					assertThatExceptionOfType(MeshException.class).isThrownBy(() -> orders.order("1"));
				}
				assertThat(breaker(context).getState()).isEqualTo(CircuitBreaker.State.OPEN);
			});
	}

	@Test
	void fallbackShouldServeAPackagePrivateInterface() {
		this.contextRunner.run((context) -> {
			HiddenOrders fallback = (id) -> Map.of("server", "hidden-fallback");
			HiddenOrders orders = context.getBean(MeshClientFactory.class)
				.createClient(HiddenOrders.class, "orders", fallback);
			assertThat(orders.order("1")).containsEntry("server", "hidden-fallback");
		});
	}

	/** Not public: the mesh must still call it and its fallback. */
	interface HiddenOrders {

		@GetExchange("/orders/{id}")
		Map<String, Object> order(@PathVariable String id);

	}

	private static OrdersClient rawClient(AssertableApplicationContext context) {
		return context.getBean(MeshClientFactory.class).createClient(OrdersClient.class, "orders");
	}

	private static CircuitBreaker breaker(AssertableApplicationContext context) {
		return context.getBean(ResilienceRegistry.class).forService("orders").circuitBreaker();
	}

}
