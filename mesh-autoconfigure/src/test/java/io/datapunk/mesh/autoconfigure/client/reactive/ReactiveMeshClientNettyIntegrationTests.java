package io.datapunk.mesh.autoconfigure.client.reactive;

import java.time.Duration;
import java.util.Map;

import io.datapunk.mesh.CircuitOpenException;
import io.datapunk.mesh.DeadlineExceededException;
import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.autoconfigure.client.MeshWebClientAutoConfiguration;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.blockhound.BlockHound;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reactive {@code @MeshClient} ({@link InventoryClient}: {@code Mono} and {@code Flux}
 * methods, served by a {@code WebClient}) against real HTTP servers on 127.0.0.1, on
 * Reactor Netty (the JDK client in a subclass), with BlockHound failing any blocking call
 * on a Reactor or Netty thread. As {@code MeshWebClientNettyIntegrationTests}, only the
 * build's {@code webclient-netty} execution runs it, in a JVM of its own.
 */
@EnabledIfSystemProperty(named = "mesh.test.webclient-jvm", matches = "reactor-netty",
		disabledReason = "runs in the webclient-netty execution only")
class ReactiveMeshClientNettyIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(MeshTestAutoConfigurations.webClient())
		.withConfiguration(AutoConfigurations.of(MeshWebClientAutoConfiguration.class))
		.withUserConfiguration(ReactiveClientsConfiguration.class)
		.withPropertyValues("mesh.services.inventory.instances=" + servers.uris(),
				"mesh.services.inventory.retry.base-backoff=1ms", "mesh.services.guarded.instances=" + servers.uris());

	@BeforeAll
	static void installBlockHound() {
		BlockHound.install();
	}

	@Test
	void callsShouldSpreadOverEveryInstance() {
		this.contextRunner.run((context) -> {
			InventoryClient inventory = context.getBean(InventoryClient.class);
			StepVerifier.create(Flux.range(0, 30).concatMap(inventory::item)).expectNextCount(30).verifyComplete();
			StepVerifier.create(inventory.items()).expectNextCount(1).verifyComplete();
			servers.all().forEach((server) -> assertThat(server.hits()).as(server.name()).isPositive());
		});
	}

	@Test
	void killedInstanceShouldHaveItsCallsRequeuedElsewhere() {
		TestHttpServer doomed = TestHttpServer.start("doomed");
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.instances=" + doomed.uri() + "," + servers.get(1).uri(),
					"mesh.services.inventory.load-balancer=round-robin")
			.run((context) -> {
				InventoryClient inventory = context.getBean(InventoryClient.class);
				StepVerifier.create(Flux.range(0, 10).concatMap(inventory::item)).expectNextCount(10).verifyComplete();
				assertThat(doomed.hits()).isPositive();
				doomed.close();
				int before = servers.get(1).hits();
				StepVerifier.create(Flux.range(0, 20).concatMap(inventory::item)).expectNextCount(20).verifyComplete();
				assertThat(servers.get(1).hits() - before).isEqualTo(20);
			});
	}

	@Test
	void instanceAnswering503ToHalfItsCallsShouldHaveThemRetriedElsewhere() {
		servers.get(0).respondInTurn(503, 200);
		this.contextRunner.withPropertyValues("mesh.services.inventory.load-balancer=round-robin").run((context) -> {
			InventoryClient inventory = context.getBean(InventoryClient.class);
			StepVerifier.create(Flux.range(0, 60).concatMap(inventory::item)).expectNextCount(60).verifyComplete();
			assertThat(servers.get(0).hits()).isGreaterThan(4);
		});
	}

	@Test
	void postAnswered503ShouldReachTheServersOnceAndNameServiceAttemptsAndReason() {
		servers.respondWith(503);
		this.contextRunner.run((context) -> {
			InventoryClient inventory = context.getBean(InventoryClient.class);
			StepVerifier.create(inventory.order("{}"))
				.expectErrorSatisfies(
						(ex) -> assertThat(ex).isInstanceOfSatisfying(RetriesExhaustedException.class, (exhausted) -> {
							assertThat(exhausted.getServiceId()).isEqualTo("inventory");
							assertThat(exhausted.getAttempts()).hasSize(1);
							assertThat(exhausted).hasMessageContaining("'inventory'")
								.hasMessageContaining("POST is not idempotent")
								.hasMessageContaining("#1 http://127.0.0.1:");
						}))
				.verify(WAIT);
			assertThat(servers.totalHits()).isOne();
		});
	}

	@Test
	void idempotentPostAnswered503ShouldBeRetried() {
		servers.get(0).respondWith(503);
		this.contextRunner
			.withPropertyValues(
					"mesh.services.inventory.instances=" + servers.get(0).uri() + "," + servers.get(1).uri(),
					"mesh.services.inventory.load-balancer=round-robin")
			.run((context) -> {
				InventoryClient inventory = context.getBean(InventoryClient.class);
				StepVerifier.create(Flux.range(0, 4).concatMap((i) -> inventory.reserve("{}")))
					.expectNextCount(4)
					.verifyComplete();
				assertThat(servers.get(0).hits()).isPositive();
				assertThat(servers.get(1).hits()).isEqualTo(4);
			});
	}

	@Test
	void deadlineShouldEndACall() {
		servers.all().forEach((server) -> server.delay(Duration.ofSeconds(2)));
		this.contextRunner.withPropertyValues("mesh.services.inventory.timeout=300ms").run((context) -> {
			InventoryClient inventory = context.getBean(InventoryClient.class);
			StepVerifier.create(inventory.item(1))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(DeadlineExceededException.class)
					.hasMessageContaining("'inventory'"))
				.verify(WAIT);
		});
	}

	@Test
	void breakerShouldOpenAndThenSendNothing() {
		servers.respondWith(500);
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.circuit-breaker.sliding-window-size=4",
					"mesh.services.inventory.circuit-breaker.minimum-number-of-calls=4")
			.run((context) -> {
				InventoryClient inventory = context.getBean(InventoryClient.class);
				for (int i = 0; i < 4; i++) {
					StepVerifier.create(inventory.item(i))
						.expectError(WebClientResponseException.InternalServerError.class)
						.verify(WAIT);
				}
				assertThat(servers.totalHits()).isEqualTo(4);
				StepVerifier.create(inventory.item(5)).expectError(CircuitOpenException.class).verify(WAIT);
				assertThat(servers.totalHits()).isEqualTo(4);
			});
	}

	@Test
	void failingInstanceShouldBeEjected() {
		servers.get(0).respondWith(503);
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.load-balancer=round-robin",
					"mesh.services.inventory.outlier-detection.consecutive-failures=3",
					"mesh.services.inventory.outlier-detection.base-ejection-time=20s")
			.run((context) -> {
				InventoryClient inventory = context.getBean(InventoryClient.class);
				StepVerifier.create(Flux.range(0, 30).concatMap(inventory::item)).expectNextCount(30).verifyComplete();
				int ejectedHits = servers.get(0).hits();
				int othersBefore = servers.get(1).hits() + servers.get(2).hits();
				StepVerifier.create(Flux.range(0, 30).concatMap(inventory::item)).expectNextCount(30).verifyComplete();
				assertThat(servers.get(1).hits() + servers.get(2).hits() - othersBefore).isEqualTo(30);
				assertThat(servers.get(0).hits()).isEqualTo(ejectedHits);
			});
	}

	@Test
	void cancelledSubscriberShouldCancelTheAttempt() {
		servers.all().forEach((server) -> server.delay(Duration.ofSeconds(1)));
		this.contextRunner.run((context) -> {
			InventoryClient inventory = context.getBean(InventoryClient.class);
			Disposable call = inventory.item(1).subscribe();
			await().atMost(WAIT).until(() -> servers.totalHits() == 1);
			call.dispose();
			var breaker = context.getBean(ResilienceRegistry.class).find("inventory").circuitBreaker();
			// Positive control: an answered call counts for the breaker.
			servers.all().forEach((server) -> server.delay(Duration.ZERO));
			StepVerifier.create(inventory.item(2)).expectNextCount(1).verifyComplete();
			assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isOne();
			// The cancelled one neither counted nor was sent again.
			assertThat(servers.totalHits()).isEqualTo(2);
		});
	}

	@Test
	void fallbackShouldAnswerWhenTheMeshCannot() {
		servers.respondWith(503);
		this.contextRunner.withPropertyValues("mesh.services.guarded.retry.base-backoff=1ms").run((context) -> {
			GuardedInventoryClient guarded = context.getBean(GuardedInventoryClient.class);
			StepVerifier.create(guarded.item(7))
				.assertNext((item) -> assertThat(item).containsEntry("server", "fallback").containsEntry("id", 7))
				.verifyComplete();
			StepVerifier.create(guarded.items())
				.assertNext((item) -> assertThat(item).containsEntry("server", "fallback"))
				.verifyComplete();
			assertThat(servers.totalHits()).isPositive();
		});
	}

	@Test
	void blockingMethodOfTheSameInterfaceShouldGoThroughTheMeshOnTheCallersThread() {
		servers.get(0).respondWith(503);
		this.contextRunner.withPropertyValues("mesh.services.inventory.load-balancer=round-robin").run((context) -> {
			InventoryClient inventory = context.getBean(InventoryClient.class);
			for (int i = 0; i < 6; i++) {
				Map<String, Object> item = inventory.itemNow(i);
				assertThat(item.get("server")).isIn("two", "three");
			}
			assertThat(servers.get(0).hits()).isPositive();
		});
	}

}
