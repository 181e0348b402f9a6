package io.datapunk.mesh.autoconfigure.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.Idempotent;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.autoconfigure.resilience.app.OrdersClient;
import io.datapunk.mesh.autoconfigure.resilience.app.ResilienceAppConfiguration;
import io.datapunk.mesh.test.FreePorts;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import io.datapunk.mesh.internal.resilience.ServiceResilience;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.spi.RetryCondition;

/**
 * Requeues, retries and the retry budget, against three real HTTP servers on 127.0.0.1
 * with injected faults. Backoffs are shortened so that a thousand calls take a second.
 */
class RetryIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withUserConfiguration(ResilienceAppConfiguration.class)
		.withPropertyValues("mesh.services.orders.retry.base-backoff=1ms",
				"mesh.services.orders.retry.max-backoff=4ms");

	@Test
	void oneInstanceRefusingConnectionsShouldCostTheCallerNoErrors() {
		int closedPort = FreePorts.closedPort();
		this.contextRunner
			// Round robin keeps sending the refusing instance its share until it is
			// ejected; p2c-ewma may avoid it before five refusals and never eject it.
			.withPropertyValues("mesh.services.orders.instances=" + servers.get(0).uri() + "," + servers.get(1).uri()
					+ ",http://127.0.0.1:" + closedPort, "mesh.services.orders.load-balancer=round-robin")
			.run((context) -> {
				OrdersClient orders = client(context);
				for (int i = 0; i < 1000; i++) {
					assertThat(orders.order(Integer.toString(i))).containsKey("server");
				}
				// Each call reached a live server exactly once: refusals were requeued.
				assertThat(servers.get(0).hits() + servers.get(1).hits()).isEqualTo(1000);
				OutlierDetector outliers = resilience(context).outlierDetector();
				assertThat(outliers.snapshot()).anySatisfy((state) -> {
					assertThat(state.instance()).hasToString("http://127.0.0.1:" + closedPort);
					assertThat(state.ejected()).isTrue();
				});
			});
	}

	@Test
	void postToARefusingInstanceShouldBeRequeuedAndSentOnce() {
		int closedPort = FreePorts.closedPort();
		this.contextRunner
			.withPropertyValues(
					"mesh.services.orders.instances=" + servers.get(0).uri() + ",http://127.0.0.1:" + closedPort)
			.run((context) -> {
				OrdersClient orders = client(context);
				for (int i = 0; i < 4; i++) {
					assertThat(orders.create(Map.of("n", i))).containsEntry("server", "one");
				}
				assertThat(servers.get(0).hits()).isEqualTo(4);
			});
	}

	@Test
	void allInstancesAnswering503ShouldStayWithinTheRetryBudget() {
		servers.respondWith(503);
		int calls = 300;
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances=" + servers.uris(),
					"mesh.services.orders.circuit-breaker.enabled=false",
					"mesh.services.orders.outlier-detection.enabled=false")
			.run((context) -> {
				OrdersClient orders = client(context);
				int budgetSpent = 0;
				long start = System.nanoTime();
				for (int i = 0; i < calls; i++) {
					try {
						orders.order("1");
					}
					catch (RetriesExhaustedException ex) {
						budgetSpent += ex.getMessage().contains("retry budget of service 'orders' is spent") ? 1 : 0;
					}
				}
				int requests = servers.all().stream().mapToInt(TestHttpServer::hits).sum();
				// 20 % of the calls plus the floor of 10 per second over the 10 s window
				// (on a
				// machine so slow that the run outlasts the window, 10 more per extra
				// second).
				long seconds = Math.max(10, Duration.ofNanos(System.nanoTime() - start).toSeconds() + 1);
				assertThat(requests).isGreaterThan(calls).isLessThanOrEqualTo((int) (calls * 1.2 + 10 * seconds));
				assertThat(budgetSpent).isPositive();
				// Without a budget, 3 attempts per call would have sent 900.
			});
	}

	@Test
	void postAnswered503ShouldReachTheServersExactlyOnce() {
		servers.respondWith(503);
		this.contextRunner.withPropertyValues("mesh.services.orders.instances=" + servers.uris())
			.run((context) -> assertThatExceptionOfType(RetriesExhaustedException.class)
				.isThrownBy(() -> client(context).create(Map.of("item", 42)))
				.satisfies((ex) -> {
					assertThat(ex.getAttempts()).hasSize(1);
					assertThat(ex.getAttempts().get(0).outcome()).isEqualTo("503 Service Unavailable");
					assertThat(servers.totalHits()).isEqualTo(1);
				})
				.withMessageContaining("POST is not idempotent, so it was not sent again"));
	}

	@Test
	void postMarkedIdempotentShouldBeRetriedOnOtherInstances() {
		servers.respondWith(503);
		this.contextRunner.withPropertyValues("mesh.services.orders.instances=" + servers.uris())
			.run((context) -> assertThatExceptionOfType(RetriesExhaustedException.class)
				.isThrownBy(() -> client(context).createOnce("k-1", Map.of("item", 42)))
				.satisfies((ex) -> {
					assertThat(ex.getAttempts()).hasSize(3);
					// Each retry went to an instance not tried yet.
					assertThat(ex.getAttempts()).extracting((attempt) -> attempt.instance().toString())
						.doesNotHaveDuplicates();
					assertThat(servers.all()).allSatisfy((server) -> assertThat(server.hits()).isEqualTo(1));
				})
				.withMessageContaining("no retry left (retry.max-attempts is 3)"));
	}

	@Test
	void postMarkedIdempotentShouldSucceedOnTheNextInstance() {
		servers.get(0).respondWith(503);
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances=" + servers.get(0).uri() + "," + servers.get(1).uri())
			.run((context) -> {
				for (int i = 0; i < 10; i++) {
					assertThat(client(context).createOnce("k-" + i, Map.of("item", i))).containsEntry("server", "two");
				}
				assertThat(servers.get(1).hits()).isEqualTo(10);
			});
	}

	@Test
	void postShouldBeRetriedWhenTheServiceListsPostAmongRetryMethods() {
		servers.respondWith(503);
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances=" + servers.uris(),
					"mesh.services.orders.retry.methods=GET,POST")
			.run((context) -> {
				assertThatExceptionOfType(RetriesExhaustedException.class)
					.isThrownBy(() -> client(context).create(Map.of("item", 42)));
				assertThat(servers.totalHits()).isEqualTo(3);
			});
	}

	@Test
	void postWithTheIdempotentAttributeShouldBeRetried() {
		servers.respondWith(503);
		this.contextRunner.withPropertyValues("mesh.services.orders.instances=" + servers.uris()).run((context) -> {
			RestClient restClient = context.getBean(MeshClientFactory.class).restClientBuilder().build();
			assertThatExceptionOfType(RetriesExhaustedException.class).isThrownBy(() -> restClient.post()
				.uri("http://orders/orders")
				.attribute(Idempotent.ATTRIBUTE, true)
				.body("{}")
				.retrieve()
				.toBodilessEntity());
			assertThat(servers.totalHits()).isEqualTo(3);
		});
	}

	@Test
	void statusOutsideTheRetryListShouldReachTheCallerAfterOneAttempt() {
		servers.respondWith(500);
		this.contextRunner.withPropertyValues("mesh.services.orders.instances=" + servers.uris()).run((context) -> {
			RestClient restClient = context.getBean(MeshClientFactory.class).restClientBuilder().build();
			Integer status = restClient.get()
				.uri("http://orders/orders/1")
				.exchange((request, response) -> response.getStatusCode().value());
			assertThat(status).isEqualTo(500);
			assertThat(servers.totalHits()).isEqualTo(1);
		});
	}

	@Test
	void retryConditionBeanShouldMakeAnotherStatusRetryable() {
		servers.get(0).respondWith(429);
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances=" + servers.get(0).uri() + "," + servers.get(1).uri())
			.withBean(RetryCondition.class,
					() -> (attempt) -> attempt.status() != null && attempt.status().value() == 429)
			.run((context) -> {
				for (int i = 0; i < 10; i++) {
					assertThat(client(context).order("1")).containsEntry("server", "two");
				}
			});
	}

	@Test
	void bodyCutAfterTheHeadersShouldBeRetriedOnAnotherInstance() {
		servers.get(0).cutBodies(true);
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances=" + servers.get(0).uri() + "," + servers.get(1).uri(),
					"mesh.services.orders.load-balancer=round-robin",
					"mesh.services.orders.outlier-detection.enabled=false")
			.run((context) -> {
				OrdersClient orders = client(context);
				for (int i = 0; i < 20; i++) {
					assertThat(orders.order(Integer.toString(i))).containsEntry("server", "two");
				}
				// Round robin sent every second call to the instance that cuts its
				// bodies.
				assertThat(servers.get(0).hits()).isGreaterThanOrEqualTo(10);
				assertThat(servers.get(1).hits()).isEqualTo(20);
			});
	}

	@Test
	void headAnswerWithAContentLengthShouldNotBeReadAsABody() {
		this.contextRunner.withPropertyValues("mesh.services.orders.instances=" + servers.get(0).uri())
			.run((context) -> {
				RestClient restClient = context.getBean(MeshClientFactory.class).restClientBuilder().build();
				for (int i = 0; i < 3; i++) {
					assertThat(restClient.head()
						.uri("http://orders/orders/1")
						.retrieve()
						.toBodilessEntity()
						.getStatusCode()
						.value()).isEqualTo(200);
				}
				assertThat(servers.get(0).hits()).isEqualTo(3);
			});
	}

	@Test
	void postWhoseBodyIsCutShouldFailAndNotBeSentAgain() {
		servers.get(0).cutBodies(true);
		this.contextRunner
			.withPropertyValues("mesh.services.orders.instances=" + servers.get(0).uri() + "," + servers.get(1).uri(),
					"mesh.services.orders.load-balancer=round-robin")
			.run((context) -> {
				OrdersClient orders = client(context);
				// Round robin from a random start: one of two calls goes to each. The
				// body is read within the attempt, so the cut one fails inside the mesh,
				// naming the service and the attempt.
				int failed = 0;
				for (int i = 0; i < 2; i++) {
					try {
						assertThat(orders.create(Map.of("item", i))).containsEntry("server", "two");
					}
					catch (RetriesExhaustedException ex) {
						assertThat(ex.getMessage()).contains("POST is not idempotent");
						failed++;
					}
				}
				assertThat(failed).isEqualTo(1);
				assertThat(servers.get(0).hits()).isEqualTo(1);
				assertThat(servers.get(1).hits()).isEqualTo(1);
			});
	}

	@Test
	void firstRetryOnAnotherInstanceShouldNotWaitForABackoff() {
		servers.get(0).respondWith(503);
		// A backoff so long (a random wait of up to 30 s before a retry) that a retry
		// that
		// waited stands out from any delay of a busy machine.
		new ApplicationContextRunner().withConfiguration(MeshTestAutoConfigurations.meshClient())
			.withUserConfiguration(ResilienceAppConfiguration.class)
			.withPropertyValues("mesh.services.orders.instances=" + servers.get(0).uri() + "," + servers.get(1).uri(),
					"mesh.services.orders.retry.base-backoff=30s", "mesh.services.orders.retry.max-backoff=30s",
					"mesh.services.orders.load-balancer=round-robin",
					"mesh.services.orders.outlier-detection.enabled=false")
			.run((context) -> {
				OrdersClient orders = client(context);
				long slowest = 0;
				for (int i = 0; i < 20; i++) {
					long start = System.nanoTime();
					assertThat(orders.order(Integer.toString(i))).containsEntry("server", "two");
					slowest = Math.max(slowest, System.nanoTime() - start);
				}
				assertThat(servers.get(0).hits()).isGreaterThanOrEqualTo(10);
				// Ten random waits of up to 30 s would all stay under 5 s about once in
				// sixty million.
				assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(5));
			});
	}

	private static OrdersClient client(AssertableApplicationContext context) {
		// The raw mesh client: without the fallback, failures reach the test.
		return context.getBean(MeshClientFactory.class).createClient(OrdersClient.class, "orders");
	}

	static ServiceResilience resilience(AssertableApplicationContext context) {
		return context.getBean(ResilienceRegistry.class).forService("orders");
	}

}
