package io.datapunk.mesh;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;

import io.datapunk.mesh.MeshAttempt;
import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.ServiceNotFoundException;
import io.datapunk.mesh.autoconfigure.client.scan.app.BillingClient;
import io.datapunk.mesh.autoconfigure.client.scan.app.InventoryClient;
import io.datapunk.mesh.autoconfigure.client.scan.app.ScanAppConfiguration;
import io.datapunk.mesh.InvalidServiceNameException;
import io.datapunk.mesh.test.FreePorts;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import io.datapunk.mesh.spi.MeshClientCustomizer;

/**
 * Calls through {@code @MeshClient} interfaces and the {@code @MeshRestClient} builder
 * against three real HTTP servers on 127.0.0.1.
 */
class MeshClientIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withUserConfiguration(ScanAppConfiguration.class);

	private ApplicationContextRunner withThreeInstances() {
		return this.contextRunner.withPropertyValues("mesh.services.inventory.instances=" + servers.get(0).uri() + ","
				+ servers.get(1).uri() + "," + servers.get(2).uri());
	}

	@Test
	void callsThroughMeshClientShouldReachAllThreeInstancesEvenly() {
		withThreeInstances().withPropertyValues("mesh.services.inventory.load-balancer=round-robin").run((context) -> {
			int[] before = servers.all().stream().mapToInt(TestHttpServer::hits).toArray();
			InventoryClient inventory = context.getBean(InventoryClient.class);
			for (int i = 0; i < 300; i++) {
				assertThat(inventory.item(String.valueOf(i))).containsEntry("path", "/items/" + i);
			}
			for (int i = 0; i < servers.all().size(); i++) {
				assertThat(servers.get(i).hits() - before[i]).as("calls to server %s", servers.get(i).name())
					.isBetween(90, 110);
			}
		});
	}

	@Test
	void queryAndBodyShouldReachTheInstance() {
		this.contextRunner.withPropertyValues("mesh.services.inventory.instances=" + servers.get(0).uri())
			.run((context) -> {
				InventoryClient inventory = context.getBean(InventoryClient.class);
				assertThat(inventory.search("red shoes&size=42")).containsEntry("query", "q=red%20shoes%26size%3D42");
				Map<String, Object> answer = inventory.order(Map.of("item", "42", "quantity", 2));
				assertThat(answer).containsEntry("method", "POST").containsEntry("path", "/orders");
				assertThat((String) answer.get("body")).contains("'item':'42'").contains("'quantity':2");
			});
	}

	@Test
	void unknownServiceShouldFailWithServiceNotFoundNamingIt() {
		withThreeInstances().run((context) -> assertThatExceptionOfType(ServiceNotFoundException.class)
			.isThrownBy(() -> context.getBean(BillingClient.class).invoices())
			.satisfies((ex) -> {
				assertThat(ex.getServiceId()).isEqualTo("billing");
				assertThat(ex.getAttempts()).isEmpty();
			})
			.withMessageContaining("'billing'")
			.withMessageContaining("mesh.services.*.instances"));
	}

	@Test
	void instanceThatRefusesConnectionsShouldFailWithEachAttemptAndTheLastCause() {
		int closedPort = FreePorts.closedPort();
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.instances=http://127.0.0.1:" + closedPort,
					"mesh.services.inventory.retry.base-backoff=1ms")
			.run((context) -> assertThatExceptionOfType(RetriesExhaustedException.class)
				.isThrownBy(() -> context.getBean(InventoryClient.class).item("1"))
				.satisfies((ex) -> {
					assertThat(ex.getServiceId()).isEqualTo("inventory");
					// No other instance to requeue to: a GET is retried on the same one.
					assertThat(ex.getAttempts()).hasSize(3);
					for (MeshAttempt attempt : ex.getAttempts()) {
						assertThat(attempt.instance()).hasToString("http://127.0.0.1:" + closedPort);
						assertThat(attempt.outcome()).startsWith("ConnectException");
					}
					assertThat(ex.getCause()).isInstanceOf(java.net.ConnectException.class);
				})
				.withMessageContaining("'inventory'")
				.withMessageContaining("3 attempts: no retry left (retry.max-attempts is 3)")
				.withMessageContaining("127.0.0.1:" + closedPort));
	}

	@Test
	void serviceReadTimeoutShouldEndASlowAttempt() {
		servers.get(2).delay(Duration.ofSeconds(2));
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.instances=" + servers.get(2).uri(),
					"mesh.services.inventory.read-timeout=200ms")
			.run((context) -> assertThatExceptionOfType(RetriesExhaustedException.class)
				.isThrownBy(() -> context.getBean(InventoryClient.class).item("1"))
				.satisfies((ex) -> assertThat(ex.getAttempts().get(0).outcome()).contains("Timeout")));
	}

	@Test
	void errorStatusShouldReachTheCallerAsSpringDoes() {
		servers.get(0).respondWith(404);
		this.contextRunner.withPropertyValues("mesh.services.inventory.instances=" + servers.get(0).uri())
			.run((context) -> assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
				.isThrownBy(() -> context.getBean(InventoryClient.class).item("404")));
	}

	@Test
	void meshRestClientBuilderShouldCallServicesByName() {
		withThreeInstances().withUserConfiguration(BuilderUser.class).run((context) -> {
			RestClient client = context.getBean(BuilderUser.class).inventory;
			String answer = client.get().uri("/items/{id}", "9").retrieve().body(String.class);
			assertThat(answer).contains("\"path\":\"/items/9\"");
		});
	}

	@Test
	void hostThatIsNotAServiceNameShouldBeRefusedBeforeAnyRequest() {
		withThreeInstances().withUserConfiguration(BuilderUser.class).run((context) -> {
			int before = servers.all().stream().mapToInt(TestHttpServer::hits).sum();
			RestClient client = context.getBean(BuilderUser.class).builder.build();
			assertThatExceptionOfType(InvalidServiceNameException.class)
				.isThrownBy(() -> client.get().uri("http://Inventory_Svc/items/1").retrieve().body(String.class))
				.withMessageContaining("\"Inventory_Svc\"");
			assertThat(servers.all().stream().mapToInt(TestHttpServer::hits).sum()).isEqualTo(before);
		});
	}

	@Test
	void customizerInterceptorsShouldSeeTheLogicalUrlOncePerCall() {
		List<String> seen = new CopyOnWriteArrayList<>();
		withThreeInstances().withBean(MeshClientCustomizer.class,
				() -> (serviceId, builder) -> builder.requestInterceptor((request, body, execution) -> {
					seen.add(serviceId + " " + request.getURI());
					return execution.execute(request, body);
				}))
			.run((context) -> {
				context.getBean(InventoryClient.class).item("7");
				assertThat(seen).containsExactly("inventory http://inventory/items/7");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class BuilderUser {

		final RestClient.Builder builder;

		final RestClient inventory;

		BuilderUser(@MeshRestClient RestClient.Builder builder) {
			this.builder = builder;
			this.inventory = builder.clone().baseUrl("http://inventory").build();
		}

		@Bean
		String plainBuilderIsInjectable(RestClient.Builder plain,
				@Qualifier("meshRestClientBuilder") RestClient.Builder mesh) {
			assertThat(plain).isNotSameAs(mesh);
			return "ok";
		}

	}

}
