package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.datapunk.mesh.ServiceInstancesChangedEvent;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.consul.TestConsul;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.discovery.consul.ConsulTestApplications;
import io.datapunk.mesh.internal.discovery.consul.ConsulServiceWatches;

/**
 * A watch goes on after any throwable raised while it handles an answer: here an
 * {@link Error} thrown by a listener of the change it publishes.
 */
class ConsulWatchRecoveryIntegrationTests {

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	@Test
	void watchShouldRecoverFromAnErrorThrownWhileHandlingAnAnswer() {
		consul.client().registerPassing("inventory", "inventory-1", servers.get(0).port(), Map.of());
		try (ConfigurableApplicationContext context = ConsulTestApplications.client(consul,
				"mesh.services.inventory.read-timeout=2s")) {
			ConsulServiceWatches watches = context.getBean(ConsulServiceWatches.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> watches.instances("inventory").size() == 1);
			AtomicInteger errors = new AtomicInteger();
			context.addApplicationListener((ApplicationListener<ServiceInstancesChangedEvent>) (event) -> {
				if ("inventory".equals(event.getServiceId()) && errors.getAndIncrement() == 0) {
					throw new AssertionError("a listener with a bug");
				}
			});
			consul.client().registerPassing("inventory", "inventory-2", servers.get(1).port(), Map.of());
			// Positive control: the change reached the listener, which threw.
			await().atMost(Duration.ofSeconds(20)).until(() -> errors.get() >= 1);
			consul.client().registerPassing("inventory", "inventory-3", servers.get(2).port(), Map.of());
			await().atMost(Duration.ofSeconds(30)).until(() -> watches.instances("inventory").size() == 3);
			assertThat(watches.status("inventory").isFresh()).isTrue();
		}
	}

}
