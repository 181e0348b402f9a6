package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.time.Duration;

import io.datapunk.mesh.test.consul.TestConsul;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.discovery.consul.ConsulTestApplications;
import io.datapunk.mesh.internal.discovery.consul.ConsulRegistrationState;

/**
 * Integration tests for an application that starts while Consul is down.
 */
class ConsulDownAtStartupIntegrationTests {

	@RegisterExtension
	static final TestConsul consul = TestConsul.notRunning();

	@Test
	void applicationStartsAndRegistersSoonAfterConsulStarts() {
		try (ConfigurableApplicationContext app = ConsulTestApplications.web(consul)) {
			assertThat(app.isRunning()).isTrue();
			ConsulRegistrationState state = app.getBean(ConsulRegistrationState.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> state.current().lastError() != null);
			assertThat(state.current().status()).isEqualTo(ConsulRegistrationState.Status.PENDING);
			assertThat(state.current().lastError()).contains("did not answer");
			consul.start();
			long started = System.nanoTime();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> state.current().status() == ConsulRegistrationState.Status.REGISTERED);
			System.out.println("Registered " + Duration.ofNanos(System.nanoTime() - started).toMillis()
					+ " ms after Consul started");
			assertThat(consul.client().instancesOf("storefront")).hasSize(1);
		}
	}

}
