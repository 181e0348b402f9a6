package io.datapunk.mesh.autoconfigure.cache;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.internal.resilience.InstanceOutlierState;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.internal.cache.MeshEventCodec;
import io.datapunk.mesh.internal.cache.MeshEvent;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.InventoryClient;

/**
 * Ejection and readmission events that an intruder with write access to Redis publishes:
 * made-up addresses are neither ejected nor kept and make no room for more ejections of
 * real instances, and a spoofed readmission leaves an ejection this application made in
 * place.
 */
class SpoofedEventsIntegrationTests {

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.create();

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8",
			"s9");

	private final MeshEventCodec codec = new MeshEventCodec();

	private ApplicationContextRunner runner(String prefix) {
		return CacheTestContexts.runner(redis, prefix)
			.withPropertyValues("mesh.services.inventory.instances=" + servers.uris(),
					"mesh.services.inventory.load-balancer=round-robin",
					"mesh.services.inventory.retry.base-backoff=1ms", "mesh.services.inventory.retry.max-backoff=2ms",
					"mesh.services.inventory.outlier-detection.consecutive-failures=2",
					"mesh.services.inventory.outlier-detection.base-ejection-time=20s",
					"mesh.services.inventory.outlier-detection.max-ejection-ratio=0.2",
					"mesh.services.inventory.outlier-detection.panic-threshold=0");
	}

	@Test
	void madeUpEjectionsShouldNotBeKeptNorMakeRoomForMoreRealOnes() {
		String prefix = CacheTestContexts.newPrefix();
		runner(prefix).run((context) -> {
			awaitSubscribed(context, prefix);
			long until = Instant.now().plusSeconds(20).toEpochMilli();
			for (int i = 0; i < 60; i++) {
				publish(prefix, MeshEvent.Type.EJECTED,
						URI.create("http://10.66." + (i / 250) + "." + (i % 250) + ":80"), until);
			}
			for (TestHttpServer server : servers.all()) {
				publish(prefix, MeshEvent.Type.EJECTED, server.uri(), until);
			}
			OutlierDetector detector = detector(context);
			// Positive control: events for real instances are applied, up to the share.
			await().atMost(Duration.ofSeconds(10)).until(() -> ejected(detector) >= 2);
			Thread.sleep(1000);
			assertThat(ejected(detector)).as("real instances ejected").isEqualTo(2);
			// Nothing kept for a made-up address.
			assertThat(detector.snapshot()).isNotEmpty()
				.allSatisfy((state) -> assertThat(state.instance().getHost()).isEqualTo("127.0.0.1"));
		});
	}

	@Test
	void spoofedReadmissionShouldLeaveALocalEjectionInPlace() {
		String prefix = CacheTestContexts.newPrefix();
		TestHttpServer failing = servers.get(0);
		TestHttpServer remotelyEjected = servers.get(1);
		failing.respondWith(503);
		runner(prefix).run((context) -> {
			awaitSubscribed(context, prefix);
			OutlierDetector detector = detector(context);
			InventoryClient inventory = CacheTestContexts.inventory(context);
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				inventory.item("1");
				return isEjected(detector, failing);
			});
			// Positive control: a readmission event does end an ejection that came from
			// elsewhere.
			long until = Instant.now().plusSeconds(10).toEpochMilli();
			publish(prefix, MeshEvent.Type.EJECTED, remotelyEjected.uri(), until);
			await().atMost(Duration.ofSeconds(5)).until(() -> isEjected(detector, remotelyEjected));
			publish(prefix, MeshEvent.Type.READMITTED, remotelyEjected.uri(), until);
			await().atMost(Duration.ofSeconds(5)).until(() -> !isEjected(detector, remotelyEjected));
			// The spoof: a readmission of the instance this application ejected itself,
			// "due to end" later than any ejection.
			publish(prefix, MeshEvent.Type.READMITTED, failing.uri(), Instant.now().plusSeconds(3600).toEpochMilli());
			// A marker after it, to know it was heard.
			publish(prefix, MeshEvent.Type.EJECTED, remotelyEjected.uri(), until);
			await().atMost(Duration.ofSeconds(5)).until(() -> isEjected(detector, remotelyEjected));
			assertThat(isEjected(detector, failing)).isTrue();
		});
	}

	private void publish(String prefix, MeshEvent.Type type, URI instance, long until) {
		Instant end = Instant.ofEpochMilli(until);
		redis.commands()
			.publish(prefix + ":events", this.codec
				.encode(new MeshEvent(type, "intruder:1", "inventory", instance, end, Instant.now().plusSeconds(30))));
	}

	private static void awaitSubscribed(ApplicationContext context, String prefix) {
		// A current list, as after a first call.
		context.getBean(MeshDiscovery.class).getInstances("inventory");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> redis.commands().pubsubNumsub(prefix + ":events").get(prefix + ":events") >= 1
					&& context.getBean(CachingMeshDiscovery.class).statistics().redisState().equals("available"));
	}

	private static OutlierDetector detector(ApplicationContext context) {
		return context.getBean(ResilienceRegistry.class).forService("inventory").outlierDetector();
	}

	private static long ejected(OutlierDetector detector) {
		return detector.snapshot().stream().filter(InstanceOutlierState::ejected).count();
	}

	private static boolean isEjected(OutlierDetector detector, TestHttpServer server) {
		List<InstanceOutlierState> states = detector.snapshot();
		return states.stream().anyMatch((state) -> state.instance().equals(server.uri()) && state.ejected());
	}

}
