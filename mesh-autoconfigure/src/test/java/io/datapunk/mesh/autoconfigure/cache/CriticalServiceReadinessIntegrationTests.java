package io.datapunk.mesh.autoconfigure.cache;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.MeshClient;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.autoconfigure.health.MeshHealthContributorAutoConfiguration;
import io.datapunk.mesh.autoconfigure.health.MeshServicesAutoConfiguration;
import io.datapunk.mesh.internal.resilience.InstanceOutlierState;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.service.annotation.GetExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.internal.cache.MeshEventCodec;
import io.datapunk.mesh.internal.cache.MeshEvent;

/**
 * Two applications sharing a real Redis, both calling a critical service that has one
 * instance: neither its own ejection (five 503 answers) nor one event from the other
 * takes either application out of readiness, since calls still go to that instance; and a
 * 500 answered on one path ejects nothing by default.
 */
class CriticalServiceReadinessIntegrationTests {

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.create();

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("payments-1");

	private ApplicationContextRunner runner(String prefix) {
		return CacheTestContexts.runner(redis, prefix)
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					MeshServicesAutoConfiguration.class, MeshHealthContributorAutoConfiguration.class))
			.withPropertyValues("mesh.services.payments.instances=" + servers.get(0).uri(),
					"mesh.services.payments.critical=true", "mesh.services.payments.retry.max-attempts=1");
	}

	@Test
	void ownEjectionOrAnEventShouldLeaveBothApplicationsAcceptingTraffic() {
		String prefix = CacheTestContexts.newPrefix();
		TestHttpServer payments = servers.get(0);
		runner(prefix).run((a) -> runner(prefix).run((b) -> {
			awaitSubscribed(prefix, a, b);
			awaitAccepting(a);
			awaitAccepting(b);
			// Five 503 answers in A: A ejects its only instance, and tells B.
			payments.respondWith(503);
			for (int i = 0; i < 5; i++) {
				// A 503 is retryable: with one attempt, the mesh's exhausted retries.
				assertThatExceptionOfType(RetriesExhaustedException.class).isThrownBy(() -> payments(a).payment("1"));
			}
			// Positive control: the ejection happened in A and travelled to B.
			assertThat(isEjected(detector(a), payments.uri())).isTrue();
			await().atMost(Duration.ofSeconds(5)).until(() -> isEjected(detector(b), payments.uri()));
			stayAccepting(a);
			stayAccepting(b);
			// Calls still reach the instance, as health says.
			payments.respondWith(200);
			assertThat(payments(a).payment("2")).containsEntry("server", "payments-1");
			assertThat(payments(b).payment("2")).containsEntry("server", "payments-1");
		}));
	}

	@Test
	void oneEventShouldLeaveTheApplicationAcceptingTraffic() {
		String prefix = CacheTestContexts.newPrefix();
		TestHttpServer payments = servers.get(0);
		runner(prefix).run((a) -> {
			awaitSubscribed(prefix, a);
			awaitAccepting(a);
			redis.commands()
				.publish(prefix + ":events",
						new MeshEventCodec().encode(new MeshEvent(MeshEvent.Type.EJECTED, "intruder:1", "payments",
								payments.uri(), Instant.now().plusSeconds(60), Instant.now().plusSeconds(60))));
			await().atMost(Duration.ofSeconds(5)).until(() -> isEjected(detector(a), payments.uri()));
			stayAccepting(a);
		});
	}

	@Test
	void answersOf500ShouldEjectNothingByDefaultBut503sShould() {
		String prefix = CacheTestContexts.newPrefix();
		TestHttpServer payments = servers.get(0);
		runner(prefix).run((a) -> {
			payments.respondWith(500);
			for (int i = 0; i < 10; i++) {
				assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> payments(a).payment("1"));
			}
			assertThat(payments.hits()).isEqualTo(10);
			assertThat(detector(a).snapshot()).noneMatch(InstanceOutlierState::ejected);
			// Positive control: gateway failures do eject.
			payments.respondWith(503);
			for (int i = 0; i < 5; i++) {
				assertThatExceptionOfType(RetriesExhaustedException.class).isThrownBy(() -> payments(a).payment("1"));
			}
			assertThat(isEjected(detector(a), payments.uri())).isTrue();
		});
	}

	@Test
	void answersOf500ShouldEjectWhenAllServerErrorsCount() {
		String prefix = CacheTestContexts.newPrefix();
		TestHttpServer payments = servers.get(0);
		runner(prefix).withPropertyValues("mesh.defaults.outlier-detection.count-all-server-errors=true").run((a) -> {
			payments.respondWith(500);
			for (int i = 0; i < 5; i++) {
				assertThatExceptionOfType(HttpServerErrorException.class).isThrownBy(() -> payments(a).payment("1"));
			}
			assertThat(isEjected(detector(a), payments.uri())).isTrue();
		});
	}

	private static PaymentsClient payments(ApplicationContext context) {
		return context.getBean(MeshClientFactory.class).createClient(PaymentsClient.class, "payments");
	}

	private static void awaitSubscribed(String prefix, ApplicationContext... contexts) {
		for (ApplicationContext context : contexts) {
			CacheTestContexts.awaitRedis(context);
			context.getBean(MeshDiscovery.class).getInstances("payments");
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> redis.commands().pubsubNumsub(prefix + ":events").get(prefix + ":events") >= contexts.length);
	}

	private static void awaitAccepting(ApplicationContext context) {
		// What SpringApplication publishes once the application has started.
		AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
		await().atMost(Duration.ofSeconds(10)).until(() -> readiness(context) == ReadinessState.ACCEPTING_TRAFFIC);
	}

	/** Readiness is checked once a second: three checks at least. */
	private static void stayAccepting(ApplicationContext context) {
		await().during(Duration.ofMillis(3500))
			.atMost(Duration.ofSeconds(10))
			.until(() -> readiness(context) == ReadinessState.ACCEPTING_TRAFFIC);
	}

	private static ReadinessState readiness(ApplicationContext context) {
		return context.getBean(ApplicationAvailability.class).getReadinessState();
	}

	private static OutlierDetector detector(ApplicationContext context) {
		return context.getBean(ResilienceRegistry.class).forService("payments").outlierDetector();
	}

	private static boolean isEjected(OutlierDetector detector, URI address) {
		return detector.snapshot().stream().anyMatch((state) -> state.instance().equals(address) && state.ejected());
	}

	@MeshClient("payments")
	interface PaymentsClient {

		@GetExchange("/payments/{id}")
		Map<String, Object> payment(@PathVariable String id);

	}

}
