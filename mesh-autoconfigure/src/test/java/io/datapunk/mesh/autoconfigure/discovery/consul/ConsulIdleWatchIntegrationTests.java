package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.datapunk.mesh.ServiceNotFoundException;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.internal.discovery.IdleServices;
import io.datapunk.mesh.test.NoExternalServices;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.consul.TestConsul;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.internal.discovery.consul.ConsulServiceWatches;
import io.datapunk.mesh.internal.discovery.consul.ServiceWatch;

/**
 * The Consul watch of a service nobody calls any more, and of a name Consul does not
 * know, is stopped once the service is idle, with its thread; the watches of
 * {@code mesh.services} run for the application's life.
 */
class ConsulIdleWatchIntegrationTests {

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	/** The idle services' clock: stands still unless the test moves it. */
	private final AtomicLong ticker = new AtomicLong();

	private TestHttpServer catalog;

	private ConfigurableApplicationContext app;

	@BeforeEach
	void start() {
		this.catalog = TestHttpServer.start("catalog");
		consul.client().registerPassing("catalog", "catalog-1", this.catalog.port(), Map.of());
		List<String> properties = new ArrayList<>(List.of(consul.properties()));
		properties.addAll(List.of("spring.application.name=storefront", NoExternalServices.NO_REDIS,
				"spring.cloud.consul.discovery.register=false", "spring.main.banner-mode=off",
				"mesh.services.inventory.read-timeout=2s"));
		this.app = new SpringApplicationBuilder(ConsulTestApplications.App.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.initializers((context) -> context.getBeanFactory()
				.registerSingleton("testIdleServices",
						new IdleServices(IDLE_TIMEOUT, Set.of("inventory"), this.ticker::get)))
			.run();
	}

	@AfterEach
	void stop() {
		this.app.close();
		this.catalog.close();
	}

	@Test
	void watchesOfIdleServicesShouldStop() {
		ConsulServiceWatches watches = this.app.getBean(ConsulServiceWatches.class);
		RestClient client = this.app.getBean(MeshClientFactory.class).restClientBuilder().build();
		assertThat(client.get().uri("http://catalog/items/1").retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(200);
		assertThatExceptionOfType(ServiceNotFoundException.class)
			.isThrownBy(() -> client.get().uri("http://no-such-service/items/1").retrieve().toBodilessEntity());
		// Positive control: both are watched and their query chains run, beside the
		// configured one.
		assertThat(watches.watchedServices()).containsExactlyInAnyOrder("catalog", "inventory", "no-such-service");
		ServiceWatch catalog = watches.watch("catalog");
		ServiceWatch unknown = watches.watch("no-such-service");
		assertThat(catalog.isRunning()).isTrue();
		assertThat(unknown.isRunning()).isTrue();

		this.ticker.addAndGet(IDLE_TIMEOUT.toNanos() + 1);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(watches.watchedServices()).containsExactly("inventory");
			assertThat(catalog.isRunning()).isFalse();
			assertThat(unknown.isRunning()).isFalse();
		});
		// Called again, a released service is watched again.
		assertThat(client.get().uri("http://catalog/items/2").retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(200);
		assertThat(watches.watchedServices()).contains("catalog");
	}

}
