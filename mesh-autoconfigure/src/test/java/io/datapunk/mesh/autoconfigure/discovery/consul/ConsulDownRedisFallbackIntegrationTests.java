package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.consul.TestConsul;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.discovery.consul.ConsulTestApplications;

/**
 * An application that starts while Consul is down serves the list another instance left
 * in Redis, marked stale: a watch that never answered is "unknown", not "no instances".
 */
class ConsulDownRedisFallbackIntegrationTests {

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.create();

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one");

	@Test
	void applicationStartedWhileConsulIsDownShouldServeTheListItsPeerLeftInRedis() throws InterruptedException {
		consul.client().registerPassing("inventory", "inventory-1", servers.get(0).port(), Map.of());
		List<String> properties = new ArrayList<>(List.of(redis.springProperties()));
		// The test applications leave Redis out unless told otherwise.
		properties.add("spring.autoconfigure.exclude=");
		// Past its TTL the shared list is only a last known one: the source is asked.
		properties.add("mesh.cache.redis.ttl=1s");
		properties.add("mesh.services.inventory.read-timeout=2s");
		String[] args = properties.toArray(String[]::new);
		try (ConfigurableApplicationContext first = ConsulTestApplications.client(consul, args)) {
			MeshDiscovery discovery = first.getBean(MeshDiscovery.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> discovery.getInstances("inventory").size() == 1);
			// Calls keep the list in use: its refresh writes it to Redis once connected.
			await().atMost(Duration.ofSeconds(20))
				.until(() -> discovery.getInstances("inventory").size() == 1
						&& !redis.commands().keys("mesh:instances:inventory").isEmpty());
		}
		consul.stop();
		try {
			Thread.sleep(1500);
			try (ConfigurableApplicationContext second = ConsulTestApplications.client(consul, args)) {
				MeshDiscovery discovery = second.getBean(MeshDiscovery.class);
				// Once its first Redis connection is made (in the background).
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(discovery.getInstances("inventory")).singleElement()
						.satisfies((instance) -> assertThat(instance.getPort()).isEqualTo(servers.get(0).port())));
			}
		}
		finally {
			consul.start();
		}
	}

}
