package io.datapunk.mesh.autoconfigure.client;

import java.time.Duration;
import java.util.Map;

import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.autoconfigure.resilience.app.OrdersClient;
import io.datapunk.mesh.autoconfigure.resilience.app.ResilienceAppConfiguration;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.MovedInBoot4;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.internal.client.RetryAfterServers;

/**
 * An attempt is exactly one request on every HTTP client Spring Boot can build: the
 * client's own retries (Apache HttpClient 5 sends a request again after a {@code 503} or
 * {@code 429} and waits out {@code Retry-After}) are off, and only the mesh decides. Runs
 * in its own Surefire execution ({@code http-clients}), the only one with those clients
 * on the class path; elsewhere (a {@code -Dtest} run's default execution) it is skipped.
 */
@EnabledIf("allClientsPresent")
class OneRequestPerAttemptHttpClientsIntegrationTests {

	@RegisterExtension
	static final RetryAfterServers servers = new RetryAfterServers("one", "two");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withUserConfiguration(ResilienceAppConfiguration.class)
		.withPropertyValues("mesh.services.orders.retry.base-backoff=1ms", "mesh.services.orders.retry.max-backoff=4ms",
				"mesh.services.orders.circuit-breaker.enabled=false",
				"mesh.services.orders.outlier-detection.enabled=false");

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "http-components", "jetty", "reactor", "simple" })
	void postAnswered503ShouldReachTheServersExactlyOnce(String factory) {
		this.contextRunner
			.withPropertyValues(MovedInBoot4.httpClientFactory(factory),
					"mesh.services.orders.instances=" + servers.uris())
			.run((context) -> {
				OrdersClient orders = client(context);
				// Positive control: a POST answered 200 arrives, once.
				assertThat(orders.create(Map.of("item", 1))).containsKey("server");
				assertThat(servers.totalHits()).isEqualTo(1);
				servers.reset();
				servers.answer503WithRetryAfter(true);
				assertThatExceptionOfType(RetriesExhaustedException.class)
					.isThrownBy(() -> orders.create(Map.of("item", 42)))
					.satisfies((ex) -> assertThat(ex.getAttempts()).hasSize(1));
				// Past Retry-After (1 s) and one more second: no client retried on its
				// own.
				awaitHitsStay(1);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "http-components", "jetty", "reactor", "simple" })
	void getAttemptsShouldEqualTheRequestsTheServersSaw(String factory) {
		this.contextRunner
			.withPropertyValues(MovedInBoot4.httpClientFactory(factory),
					"mesh.services.orders.instances=" + servers.uris())
			.run((context) -> {
				OrdersClient orders = client(context);
				assertThat(orders.order("1")).containsKey("server");
				assertThat(servers.totalHits()).isEqualTo(1);
				servers.reset();
				servers.answer503WithRetryAfter(true);
				MeshException failure = null;
				try {
					orders.order("2");
				}
				catch (MeshException ex) {
					failure = ex;
				}
				assertThat(failure).isInstanceOf(RetriesExhaustedException.class);
				assertThat(failure.getAttempts()).hasSize(3);
				awaitHitsStay(failure.getAttempts().size());
			});
	}

	static boolean allClientsPresent() {
		ClassLoader loader = OneRequestPerAttemptHttpClientsIntegrationTests.class.getClassLoader();
		return ClassUtils.isPresent("org.apache.hc.client5.http.impl.classic.HttpClients", loader)
				&& ClassUtils.isPresent("org.eclipse.jetty.client.HttpClient", loader)
				&& ClassUtils.isPresent("reactor.netty.http.client.HttpClient", loader);
	}

	private static void awaitHitsStay(int expected) {
		await().atMost(Duration.ofSeconds(20))
			.during(Duration.ofMillis(2500))
			.untilAsserted(() -> assertThat(servers.totalHits()).isEqualTo(expected));
	}

	private static OrdersClient client(AssertableApplicationContext context) {
		// The raw mesh client: without the fallback, failures reach the test.
		return context.getBean(MeshClientFactory.class).createClient(OrdersClient.class, "orders");
	}

}
