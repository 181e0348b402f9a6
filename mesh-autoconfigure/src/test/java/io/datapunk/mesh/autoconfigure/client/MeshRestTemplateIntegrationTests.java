package io.datapunk.mesh.autoconfigure.client;

import java.util.HashSet;
import java.util.Set;

import io.datapunk.mesh.MeshAttempt;
import io.datapunk.mesh.MeshRestTemplate;
import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.test.FreePorts;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.MovedInBoot4;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Calls through a {@code RestTemplate} built from the
 * {@link MeshRestTemplate @MeshRestTemplate} builder against three real HTTP servers on
 * 127.0.0.1.
 */
class MeshRestTemplateIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(MeshTestAutoConfigurations.restTemplate())
		.withConfiguration(AutoConfigurations.of(MeshRestTemplateAutoConfiguration.class))
		.withUserConfiguration(MeshRestTemplateUser.class)
		.withPropertyValues("mesh.services.inventory.instances=" + servers.uris(),
				"mesh.services.inventory.load-balancer=round-robin", "mesh.services.inventory.retry.base-backoff=1ms");

	@Test
	void callsShouldReachEveryInstanceByServiceName() {
		this.contextRunner.run((context) -> {
			RestTemplate inventory = context.getBean(MeshRestTemplateUser.class).inventory;
			Set<String> answeredBy = new HashSet<>();
			for (int i = 0; i < 30; i++) {
				String answer = inventory.getForObject("/items/{id}", String.class, i);
				assertThat(answer).contains("\"path\":\"/items/" + i + "\"");
				answeredBy.add(answer.substring(answer.indexOf("\"server\":\"") + 10, answer.indexOf("\",")));
			}
			assertThat(answeredBy).containsExactlyInAnyOrder("one", "two", "three");
		});
	}

	@Test
	void unavailableInstanceShouldBeRetriedElsewhereAndTheAttemptsMeasured() {
		servers.get(0).respondWith(503);
		MeterRegistry meters = new SimpleMeterRegistry();
		this.contextRunner.withBean(ObservationRegistry.class, () -> observedIn(meters)).run((context) -> {
			RestTemplate inventory = context.getBean(MeshRestTemplateUser.class).inventory;
			for (int i = 0; i < 30; i++) {
				assertThat(inventory.getForObject("/items/{id}", String.class, i)).doesNotContain("\"server\":\"one\"");
			}
			assertThat(servers.get(0).hits()).isPositive();
			assertThat(
					meters.get("mesh.client.attempts").tag("service", "inventory").tag("status", "503").timer().count())
				.isEqualTo(servers.get(0).hits());
			assertThat(
					meters.get("mesh.client.attempts").tag("service", "inventory").tag("status", "200").timer().count())
				.isEqualTo(30);
		});
	}

	@Test
	void closedPortShouldBeRequeuedToALiveInstance() {
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.instances=http://127.0.0.1:" + FreePorts.closedPort() + ","
					+ servers.get(1).uri())
			.run((context) -> {
				RestTemplate inventory = context.getBean(MeshRestTemplateUser.class).inventory;
				for (int i = 0; i < 10; i++) {
					assertThat(inventory.getForObject("/items/{id}", String.class, i)).contains("\"server\":\"two\"");
				}
				assertThat(servers.get(1).hits()).isEqualTo(10);
			});
	}

	@Test
	void postAnswered503ShouldReachTheServersOnceUnlessItsMethodIsRetried() {
		servers.respondWith(503);
		this.contextRunner.run((context) -> {
			RestTemplate inventory = context.getBean(MeshRestTemplateUser.class).inventory;
			assertThatExceptionOfType(RetriesExhaustedException.class)
				.isThrownBy(() -> inventory.postForObject("/orders", "{}", String.class))
				.satisfies((ex) -> {
					assertThat(ex.getServiceId()).isEqualTo("inventory");
					assertThat(ex.getAttempts()).hasSize(1);
				})
				.withMessageContaining("POST is not idempotent");
			assertThat(servers.totalHits()).isOne();
		});
		servers.all().forEach(TestHttpServer::reset);
		this.contextRunner.withPropertyValues("mesh.services.inventory.retry.methods=GET,POST").run((context) -> {
			RestTemplate inventory = context.getBean(MeshRestTemplateUser.class).inventory;
			assertThatExceptionOfType(RetriesExhaustedException.class)
				.isThrownBy(() -> inventory.postForObject("/orders", "{}", String.class))
				.satisfies((ex) -> assertThat(ex.getAttempts()).extracting(MeshAttempt::outcome)
					.containsOnly("503 Service Unavailable")
					.hasSize(3))
				.withMessageContaining("'inventory'")
				.withMessageContaining("3 attempts");
			assertThat(servers.totalHits()).isEqualTo(3);
		});
	}

	@Test
	void plainRestTemplateShouldBeLeftAlone() {
		this.contextRunner.run((context) -> {
			MeshRestTemplateUser user = context.getBean(MeshRestTemplateUser.class);
			assertThat(user.inventory.getForObject("/items/1", String.class)).contains("\"path\":\"/items/1\"");
			RestTemplate plain = context.getBean(MovedInBoot4.restTemplateBuilder()).build();
			// Spring Boot's own builder still resolves host names: "inventory" is none.
			assertThatExceptionOfType(ResourceAccessException.class)
				.isThrownBy(() -> plain.getForObject("http://inventory/items/1", String.class));
			assertThat(plain.getForObject(servers.get(2).uri() + "/items/2", String.class))
				.contains("\"server\":\"three\"");
		});
	}

	@Test
	void statusThatIsNotRetriedShouldReachTheCallerAsRestTemplateDoes() {
		servers.respondWith(500);
		this.contextRunner.run((context) -> {
			RestTemplate inventory = context.getBean(MeshRestTemplateUser.class).inventory;
			assertThatExceptionOfType(HttpServerErrorException.InternalServerError.class)
				.isThrownBy(() -> inventory.getForObject("/items/1", String.class));
			assertThat(servers.totalHits()).isOne();
		});
	}

	private static ObservationRegistry observedIn(MeterRegistry meters) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		return observations;
	}

}
