package io.datapunk.mesh.autoconfigure.client;

import java.time.Duration;
import java.util.Map;

import io.datapunk.mesh.CircuitOpenException;
import io.datapunk.mesh.DeadlineExceededException;
import io.datapunk.mesh.MeshWebClient;
import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.internal.engine.ReactiveMeshCallEngine;
import io.datapunk.mesh.internal.resilience.Deadline;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls through a {@code WebClient} built from the {@link MeshWebClient @MeshWebClient}
 * builder, on Reactor Netty (the JDK client in a subclass), against real HTTP servers on
 * 127.0.0.1, with BlockHound failing any blocking call on a Reactor or Netty thread. Only
 * the build's {@code webclient-netty} execution, a JVM of its own with Reactor Netty,
 * runs it: a {@code -Dtest} pattern reaches every execution, and this class in another
 * JVM would install BlockHound too late or find no Reactor Netty.
 */
@EnabledIfSystemProperty(named = "mesh.test.webclient-jvm", matches = "reactor-netty",
		disabledReason = "runs in the webclient-netty execution only")
class MeshWebClientNettyIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(MeshTestAutoConfigurations.webClient())
		.withConfiguration(AutoConfigurations.of(MeshWebClientAutoConfiguration.class))
		.withUserConfiguration(WebClientUser.class)
		.withPropertyValues("mesh.services.inventory.instances=" + servers.uris(),
				"mesh.services.inventory.retry.base-backoff=1ms");

	/**
	 * Installed before anything of Reactor runs in this JVM (the build gives this class
	 * one of its own): installed while Reactor's timer threads wait, it breaks them.
	 */
	@BeforeAll
	static void installBlockHound() {
		BlockHound.install();
	}

	@Test
	void blockingOnANonBlockingThreadShouldFailSoBlockHoundIsWatching() {
		StepVerifier.create(Mono.delay(Duration.ofMillis(1)).doOnNext((tick) -> sleep(Duration.ofMillis(1))))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("Blocking call"))
			.verify(WAIT);
	}

	@Test
	void callsShouldReachEveryInstanceOnReactorNetty() {
		this.contextRunner.run((context) -> {
			WebClientUser user = context.getBean(WebClientUser.class);
			assertThat(user.connector).isInstanceOf(expectedConnector());
			StepVerifier.create(Flux.range(0, 30).concatMap((i) -> item(user.inventory, i)))
				.expectNextCount(30)
				.verifyComplete();
			servers.all().forEach((server) -> assertThat(server.hits()).as(server.name()).isPositive());
		});
	}

	@Test
	void killedInstanceShouldCostNoCall() {
		TestHttpServer doomed = TestHttpServer.start("doomed");
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.instances=" + doomed.uri() + "," + servers.get(1).uri(),
					"mesh.services.inventory.load-balancer=round-robin")
			.run((context) -> {
				WebClient inventory = context.getBean(WebClientUser.class).inventory;
				StepVerifier.create(Flux.range(0, 10).concatMap((i) -> item(inventory, i)))
					.expectNextCount(10)
					.verifyComplete();
				assertThat(doomed.hits()).isPositive();
				doomed.close();
				int before = servers.get(1).hits();
				StepVerifier.create(Flux.range(0, 20).concatMap((i) -> item(inventory, i)))
					.expectNextCount(20)
					.verifyComplete();
				assertThat(servers.get(1).hits() - before).isEqualTo(20);
			});
	}

	@Test
	void instanceAnswering503ToHalfItsCallsShouldCostNoCall() {
		servers.get(0).respondInTurn(503, 200);
		this.contextRunner.withPropertyValues("mesh.services.inventory.load-balancer=round-robin").run((context) -> {
			WebClient inventory = context.getBean(WebClientUser.class).inventory;
			StepVerifier.create(Flux.range(0, 60).concatMap((i) -> item(inventory, i)))
				.expectNextCount(60)
				.verifyComplete();
			assertThat(servers.get(0).hits()).isGreaterThan(4);
		});
	}

	@Test
	void slowInstanceShouldGetFewerCalls() {
		servers.get(1).delay(Duration.ofMillis(50));
		this.contextRunner.run((context) -> {
			WebClient inventory = context.getBean(WebClientUser.class).inventory;
			StepVerifier.create(Flux.range(0, 90).concatMap((i) -> item(inventory, i)))
				.expectNextCount(90)
				.verifyComplete();
			assertThat(servers.get(0).hits() + servers.get(2).hits()).isGreaterThan(60);
			assertThat(servers.get(1).hits()).isLessThan(30);
		});
	}

	@Test
	void postAnswered503ShouldReachTheServersOnce() {
		servers.respondWith(503);
		this.contextRunner.run((context) -> {
			WebClient inventory = context.getBean(WebClientUser.class).inventory;
			StepVerifier.create(inventory.post().uri("/orders").bodyValue("{}").retrieve().bodyToMono(String.class))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(RetriesExhaustedException.class)
					.hasMessageContaining("POST is not idempotent"))
				.verify(WAIT);
			assertThat(servers.totalHits()).isOne();
		});
	}

	@Test
	void deadlineShouldEndACall() {
		servers.all().forEach((server) -> server.delay(Duration.ofSeconds(2)));
		this.contextRunner.withPropertyValues("mesh.services.inventory.timeout=300ms").run((context) -> {
			WebClient inventory = context.getBean(WebClientUser.class).inventory;
			StepVerifier.create(item(inventory, 1))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(DeadlineExceededException.class)
					.hasMessageContaining("'inventory'"))
				.verify(WAIT);
		});
	}

	@Test
	void deadlineInTheReactorContextShouldTravelInTheHeader() {
		this.contextRunner.withPropertyValues("mesh.services.inventory.instances=" + servers.get(0).uri())
			.run((context) -> {
				WebClient inventory = context.getBean(WebClientUser.class).inventory;
				StepVerifier
					.create(item(inventory, 1).contextWrite(
							Context.of(ReactiveMeshCallEngine.DEADLINE_KEY, Deadline.after(Duration.ofMillis(800)))))
					.expectNextCount(1)
					.verifyComplete();
				long sent = Long.parseLong(servers.get(0).received().get(0).header(Deadline.HEADER));
				assertThat(sent).isPositive().isLessThanOrEqualTo(800);
			});
	}

	@Test
	void breakerShouldOpenAndThenSendNothing() {
		servers.respondWith(500);
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.circuit-breaker.sliding-window-size=4",
					"mesh.services.inventory.circuit-breaker.minimum-number-of-calls=4")
			.run((context) -> {
				WebClient inventory = context.getBean(WebClientUser.class).inventory;
				for (int i = 0; i < 4; i++) {
					StepVerifier.create(item(inventory, i))
						.expectError(WebClientResponseException.InternalServerError.class)
						.verify(WAIT);
				}
				int hits = servers.totalHits();
				assertThat(hits).isEqualTo(4);
				StepVerifier.create(item(inventory, 5))
					.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CircuitOpenException.class))
					.verify(WAIT);
				assertThat(servers.totalHits()).isEqualTo(hits);
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
				WebClient inventory = context.getBean(WebClientUser.class).inventory;
				StepVerifier.create(Flux.range(0, 30).concatMap((i) -> item(inventory, i)))
					.expectNextCount(30)
					.verifyComplete();
				int ejectedHits = servers.get(0).hits();
				int othersBefore = servers.get(1).hits() + servers.get(2).hits();
				StepVerifier.create(Flux.range(0, 30).concatMap((i) -> item(inventory, i)))
					.expectNextCount(30)
					.verifyComplete();
				assertThat(servers.get(1).hits() + servers.get(2).hits() - othersBefore).isEqualTo(30);
				assertThat(servers.get(0).hits()).isEqualTo(ejectedHits);
			});
	}

	@Test
	void cancelledCallShouldCountForNeitherBreakerNorRetries() {
		servers.all().forEach((server) -> server.delay(Duration.ofSeconds(1)));
		this.contextRunner.run((context) -> {
			WebClient inventory = context.getBean(WebClientUser.class).inventory;
			StepVerifier.create(item(inventory, 1)).thenAwait(Duration.ofMillis(300)).thenCancel().verify(WAIT);
			assertThat(servers.totalHits()).isOne();
			var breaker = context.getBean(ResilienceRegistry.class).find("inventory").circuitBreaker();
			assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
			servers.all().forEach((server) -> server.delay(Duration.ZERO));
			StepVerifier.create(item(inventory, 2)).expectNextCount(1).verifyComplete();
			assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isOne();
		});
	}

	/** Return the connector Spring Boot picks with this test's classpath. */
	protected Class<?> expectedConnector() {
		return ReactorClientHttpConnector.class;
	}

	private static Mono<Map<String, Object>> item(WebClient inventory, int id) {
		return inventory.get()
			.uri("/items/{id}", id)
			.retrieve()
			.bodyToMono(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			});
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class WebClientUser {

		final WebClient inventory;

		final Object connector;

		WebClientUser(@MeshWebClient WebClient.Builder builder,
				org.springframework.http.client.reactive.ClientHttpConnector connector) {
			this.inventory = builder.baseUrl("http://inventory").build();
			this.connector = connector;
		}

	}

}
