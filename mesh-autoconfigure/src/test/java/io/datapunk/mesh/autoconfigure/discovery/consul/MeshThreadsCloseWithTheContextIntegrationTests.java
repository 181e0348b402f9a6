package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.datapunk.mesh.internal.support.MeshThreads;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.consul.TestConsul;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every thread the mesh starts for an application (Consul watches and HTTP, the cache's
 * clock and refreshes, Redis, idle sweeping, calls, the readiness of critical services)
 * ends when its context closes.
 */
class MeshThreadsCloseWithTheContextIntegrationTests {

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.create();

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one");

	@Test
	void closingTheContextShouldEndEveryThreadTheMeshStarted() {
		consul.client().registerPassing("inventory", "inventory-1", servers.get(0).port(), Map.of());
		Set<Thread> before = meshThreads();
		List<String> properties = new ArrayList<>(List.of(redis.springProperties()));
		properties.add("spring.autoconfigure.exclude=");
		properties.add("mesh.services.inventory.read-timeout=2s");
		properties.add("mesh.cache.near-ttl=300ms");
		properties.add("mesh.cache.refresh-ahead=100ms");
		// A critical service: its readiness is checked on a thread of its own.
		properties.add("mesh.services.inventory.critical=true");
		ConfigurableApplicationContext app = ConsulTestApplications.web(consul, properties.toArray(String[]::new));
		Set<Thread> started;
		try {
			MeshDiscovery discovery = app.getBean(MeshDiscovery.class);
			RestClient client = app.getBean("meshRestClientBuilder", RestClient.Builder.class)
				.baseUrl("http://inventory")
				.build();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				client.get().uri("/items/1").retrieve().toBodilessEntity();
				return discovery.getInstances("inventory").size() == 1;
			});
			started = meshThreads();
			started.removeAll(before);
			System.out.println("Mesh threads while the application runs: " + names(started));
			// Positive control: the mesh's threads are there while the application runs.
			assertThat(names(started)).anyMatch((name) -> name.startsWith("mesh-consul-watch-"))
				.anyMatch((name) -> name.startsWith("mesh-cache-clock-"))
				.anyMatch((name) -> name.startsWith("mesh-readiness-"));
		}
		finally {
			app.close();
		}
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Set<Thread> left = meshThreads();
			left.removeAll(before);
			assertThat(names(left)).as("mesh threads left after the context closed").isEmpty();
		});
		consul.client().deregister("inventory-1");
	}

	private static Set<Thread> meshThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith(MeshThreads.PREFIX))
			.collect(Collectors.toSet());
	}

	private static List<String> names(Set<Thread> threads) {
		return threads.stream().map(Thread::getName).sorted().toList();
	}

}
