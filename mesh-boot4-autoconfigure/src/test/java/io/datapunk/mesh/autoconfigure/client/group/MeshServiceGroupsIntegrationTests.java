package io.datapunk.mesh.autoconfigure.client.group;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;

import io.datapunk.mesh.CircuitOpenException;
import io.datapunk.mesh.DeadlineExceededException;
import io.datapunk.mesh.MeshAttempt;
import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.autoconfigure.client.group.app.CatalogApi;
import io.datapunk.mesh.autoconfigure.client.group.app.GroupsAppConfiguration;
import io.datapunk.mesh.autoconfigure.client.group.app.InventoryApi;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.test.FreePorts;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An HTTP service group ({@code @ImportHttpServices(group = "inventory")}) that is a mesh
 * service, called against three real HTTP servers on 127.0.0.1, beside a group that is
 * not ({@code catalog}, with a base URL of its own, on a fourth server).
 */
class MeshServiceGroupsIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three", "direct");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(AutoConfigurations.of(HttpServiceClientPropertiesAutoConfiguration.class,
				HttpServiceClientAutoConfiguration.class))
		.withUserConfiguration(GroupsAppConfiguration.class)
		.withPropertyValues("spring.http.serviceclient.catalog.base-url=" + servers.get(3).uri(),
				"mesh.services.inventory.retry.base-backoff=1ms", "mesh.services.inventory.retry.max-backoff=4ms");

	private ApplicationContextRunner withThreeInstances(String... properties) {
		return this.contextRunner
			.withPropertyValues("mesh.services.inventory.instances=" + servers.get(0).uri() + "," + servers.get(1).uri()
					+ "," + servers.get(2).uri(), "mesh.services.inventory.load-balancer=round-robin")
			.withPropertyValues(properties);
	}

	@Test
	void groupCallsShouldSpreadOverTheInstancesAndOtherGroupsCallTheirBaseUrl() {
		withThreeInstances().run((context) -> {
			InventoryApi inventory = context.getBean(InventoryApi.class);
			for (int i = 0; i < 300; i++) {
				assertThat(inventory.item(String.valueOf(i))).containsEntry("path", "/items/" + i);
			}
			for (int i = 0; i < 3; i++) {
				assertThat(servers.get(i).hits()).as("calls to server %s", servers.get(i).name()).isBetween(90, 110);
			}
			assertThat(context.getBean(CatalogApi.class).product("7")).containsEntry("server", "direct")
				.containsEntry("path", "/products/7");
			assertThat(servers.get(0).hits() + servers.get(1).hits() + servers.get(2).hits()).isEqualTo(300);
			assertThat(servers.get(3).hits()).isEqualTo(1);
		});
	}

	@Test
	void instanceAnswering503ShouldBeRetriedElsewhereAndEjected() {
		servers.get(0).respondWith(503);
		withThreeInstances("mesh.services.inventory.outlier-detection.consecutive-failures=3").run((context) -> {
			InventoryApi inventory = context.getBean(InventoryApi.class);
			for (int i = 0; i < 30; i++) {
				assertThat(inventory.item(String.valueOf(i))).containsKey("server")
					.doesNotContainEntry("server", "one");
			}
			assertThat(servers.get(0).hits()).isEqualTo(3);
			assertThat(isEjected(context, servers.get(0).uri().toString())).isTrue();
		});
	}

	@Test
	void instanceRefusingConnectionsShouldBeRequeuedAndEjected() {
		int closedPort = FreePorts.closedPort();
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.instances=" + servers.get(0).uri() + "," + servers.get(1).uri()
					+ ",http://127.0.0.1:" + closedPort, "mesh.services.inventory.load-balancer=round-robin")
			.run((context) -> {
				InventoryApi inventory = context.getBean(InventoryApi.class);
				for (int i = 0; i < 100; i++) {
					assertThat(inventory.item(String.valueOf(i))).containsKey("server");
				}
				assertThat(servers.get(0).hits() + servers.get(1).hits()).isEqualTo(100);
				assertThat(isEjected(context, "http://127.0.0.1:" + closedPort)).isTrue();
			});
	}

	@Test
	void breakerShouldOpenWhenEveryInstanceFails() {
		servers.respondWith(503);
		withThreeInstances("mesh.services.inventory.circuit-breaker.sliding-window-size=5",
				"mesh.services.inventory.circuit-breaker.minimum-number-of-calls=5",
				"mesh.services.inventory.outlier-detection.enabled=false")
			.run((context) -> {
				InventoryApi inventory = context.getBean(InventoryApi.class);
				Throwable failure = null;
				for (int i = 0; i < 20 && !(failure instanceof CircuitOpenException); i++) {
					failure = catchThrowable(() -> inventory.item("1"));
					assertThat(failure).isInstanceOfAny(RetriesExhaustedException.class, CircuitOpenException.class);
				}
				assertThat(failure).isInstanceOf(CircuitOpenException.class).hasMessageContaining("'inventory'");
				int sent = sentToInventory();
				assertThat(sent).isPositive();
				assertThatExceptionOfType(CircuitOpenException.class).isThrownBy(() -> inventory.item("2"));
				assertThat(sentToInventory()).isEqualTo(sent);
			});
	}

	@Test
	void deadlineShouldEndACallToAHungInstance() {
		servers.get(0).delay(Duration.ofSeconds(8));
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.instances=" + servers.get(0).uri(),
					"mesh.services.inventory.timeout=300ms")
			.run((context) -> {
				long start = System.nanoTime();
				assertThatExceptionOfType(DeadlineExceededException.class)
					.isThrownBy(() -> context.getBean(InventoryApi.class).item("1"))
					.satisfies((ex) -> assertThat(ex.getServiceId()).isEqualTo("inventory"))
					.withMessageContaining("the deadline of 300 ms passed");
				// Far below the instance's 8 s: the deadline ended the call, not the
				// server.
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
			});
	}

	@Test
	void failedCallShouldNameTheServiceAndEveryAttempt() {
		int closedPort = FreePorts.closedPort();
		this.contextRunner.withPropertyValues("mesh.services.inventory.instances=http://127.0.0.1:" + closedPort)
			.run((context) -> assertThatExceptionOfType(RetriesExhaustedException.class)
				.isThrownBy(() -> context.getBean(InventoryApi.class).item("1"))
				.satisfies((ex) -> {
					assertThat(ex.getServiceId()).isEqualTo("inventory");
					assertThat(ex.getAttempts()).hasSize(3);
					for (MeshAttempt attempt : ex.getAttempts()) {
						assertThat(attempt.instance()).hasToString("http://127.0.0.1:" + closedPort);
						assertThat(attempt.outcome()).startsWith("ConnectException");
					}
					assertThat(ex.getCause()).isInstanceOf(ConnectException.class);
				})
				.withMessageContaining("'inventory'")
				.withMessageContaining("3 attempts"));
	}

	@Test
	void postShouldBeSentOnceUnlessTheMethodIsIdempotent() {
		servers.respondWith(503);
		withThreeInstances("mesh.services.inventory.outlier-detection.enabled=false").run((context) -> {
			InventoryApi inventory = context.getBean(InventoryApi.class);
			// Positive control: an @Idempotent POST is retried on the other instances.
			assertThatExceptionOfType(RetriesExhaustedException.class)
				.isThrownBy(() -> inventory.orderOnce(Map.of("item", 42)))
				.satisfies((ex) -> assertThat(ex.getAttempts()).hasSize(3));
			assertThat(sentToInventory()).isEqualTo(3);
			assertThatExceptionOfType(RetriesExhaustedException.class)
				.isThrownBy(() -> inventory.order(Map.of("item", 43)))
				.satisfies((ex) -> assertThat(ex.getAttempts()).hasSize(1))
				.withMessageContaining("POST is not idempotent, so it was not sent again");
			assertThat(sentToInventory()).isEqualTo(4);
		});
	}

	private static int sentToInventory() {
		return servers.get(0).hits() + servers.get(1).hits() + servers.get(2).hits();
	}

	static boolean isEjected(ApplicationContext context, String address) {
		OutlierDetector detector = context.getBean(ResilienceRegistry.class).forService("inventory").outlierDetector();
		return detector.snapshot()
			.stream()
			.anyMatch((state) -> state.instance().toString().equals(address) && state.ejected());
	}

}
