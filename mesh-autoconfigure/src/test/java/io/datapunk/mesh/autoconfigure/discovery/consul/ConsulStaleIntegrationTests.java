package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datapunk.mesh.autoconfigure.actuate.MeshEndpoint;
import io.datapunk.mesh.internal.cache.CachedServiceState;
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
 * A Consul watch that no longer hears from Consul reports its list as stale: with
 * {@code mesh.cache.max-stale=2s} the endpoint says so, and the list in Redis is not
 * written again as if fresh (its fetch time stops advancing).
 */
class ConsulStaleIntegrationTests {

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.create();

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one");

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void watchCutOffFromConsulShouldReportStaleAndStopAdvancingTheSharedFetchTime() throws Exception {
		consul.client().registerPassing("inventory", "inventory-1", servers.get(0).port(), Map.of());
		List<String> properties = new ArrayList<>(List.of(redis.springProperties()));
		properties.add("spring.autoconfigure.exclude=");
		properties.add("mesh.cache.max-stale=2s");
		properties.add("mesh.cache.near-ttl=1s");
		properties.add("mesh.cache.refresh-ahead=500ms");
		// Every refresh asks the source (the shared list is never fresh enough).
		properties.add("mesh.cache.redis.ttl=100ms");
		properties.add("mesh.services.inventory.read-timeout=2s");
		properties.add("management.endpoints.web.exposure.include=mesh");
		try (ConfigurableApplicationContext context = ConsulTestApplications.client(consul,
				properties.toArray(String[]::new))) {
			MeshDiscovery discovery = context.getBean(MeshDiscovery.class);
			MeshEndpoint endpoint = context.getBean(MeshEndpoint.class);
			// Positive control: while Consul answers, each refresh writes a newer fetch
			// time to Redis, and the endpoint reports the list fresh.
			AtomicReference<Instant> first = new AtomicReference<>();
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
				discovery.getInstances("inventory");
				Instant fetchedAt = sharedFetchedAt();
				if (fetchedAt == null) {
					return false;
				}
				first.compareAndSet(null, fetchedAt);
				return fetchedAt.isAfter(first.get());
			});
			assertThat(state(endpoint).stale()).isFalse();
			consul.stop();
			try {
				await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
					discovery.getInstances("inventory");
					CachedServiceState state = state(endpoint);
					return state != null && state.stale();
				});
				Instant frozen = sharedFetchedAt();
				// Calls go on for well past max-stale: the shared fetch time never
				// advances (the entry may expire).
				long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
				while (System.nanoTime() < end) {
					discovery.getInstances("inventory");
					Instant now = sharedFetchedAt();
					assertThat(now == null || (frozen != null && !now.isAfter(frozen)))
						.as("Redis fetch time %s after the source went stale at %s", now, frozen)
						.isTrue();
					Thread.sleep(100);
				}
			}
			finally {
				consul.start();
			}
		}
	}

	private Instant sharedFetchedAt() throws Exception {
		String value = redis.commands().get("mesh:instances:inventory");
		if (value == null) {
			return null;
		}
		JsonNode root = this.json.readTree(value);
		return Instant.ofEpochMilli(root.path("fetchedAt").longValue());
	}

	@SuppressWarnings("unchecked")
	private static CachedServiceState state(MeshEndpoint endpoint) {
		Map<String, Object> cache = endpoint.mesh().discovery().status().get("cache");
		List<CachedServiceState> services = (List<CachedServiceState>) cache.get("services");
		return services.stream().filter((s) -> s.serviceId().equals("inventory")).findFirst().orElse(null);
	}

}
