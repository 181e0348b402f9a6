package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.ServiceInstancesChangedEvent;
import io.datapunk.mesh.test.consul.TestConsul;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.consul.discovery.ConsulDiscoveryClient;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.discovery.consul.ConsulTestApplications;
import io.datapunk.mesh.internal.discovery.consul.ConsulServiceWatches;
import io.datapunk.mesh.internal.discovery.consul.ConsulWatchStatus;

/**
 * Integration tests for mesh discovery through Consul watches: a real application and a
 * Consul agent (the test server, or {@code MESH_TEST_CONSUL_URL}).
 */
class ConsulDiscoveryIntegrationTests {

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	private final List<ServiceInstancesChangedEvent> events = new CopyOnWriteArrayList<>();

	private ConfigurableApplicationContext app;

	private MeshDiscovery discovery;

	@BeforeEach
	void start() {
		consul.client().registerPassing("inventory", "inventory-1", 9001, Map.of("zone", "a", "weight", "3"));
		consul.client().registerPassing("inventory", "inventory-2", 9002, Map.of("zone", "b", "secure", "true"));
		// No refresh by time to live during a test: only the watch can change a list.
		this.app = ConsulTestApplications.client(consul, "mesh.services.inventory.read-timeout=2s",
				"mesh.cache.near-ttl=10m", "mesh.cache.refresh-ahead=1s");
		this.app.addApplicationListener((ApplicationListener<ServiceInstancesChangedEvent>) this.events::add);
		this.discovery = this.app.getBean(MeshDiscovery.class);
		ConsulServiceWatches watches = this.app.getBean(ConsulServiceWatches.class);
		// mesh.services are watched from startup.
		assertThat(watches.watchedServices()).containsExactly("inventory");
		// Generous: the first answer is quick (milliseconds), but two suites at once on
		// two cores have stalled it past 10 s.
		await().atMost(Duration.ofSeconds(30)).until(() -> ids("inventory").size() == 2);
	}

	@AfterEach
	void stop() {
		this.app.close();
	}

	@Test
	void instancesCarryAddressAndMetadata() {
		List<ServiceInstance> instances = this.discovery.getInstances("inventory");
		ServiceInstance first = instances.stream()
			.filter((i) -> i.getInstanceId().equals("inventory-1"))
			.findFirst()
			.orElseThrow();
		ServiceInstance second = instances.stream()
			.filter((i) -> i.getInstanceId().equals("inventory-2"))
			.findFirst()
			.orElseThrow();
		assertThat(first.getHost()).isEqualTo("127.0.0.1");
		assertThat(first.getPort()).isEqualTo(9001);
		assertThat(first.getMetadata()).containsEntry("zone", "a").containsEntry("weight", "3");
		assertThat(first.isSecure()).isFalse();
		assertThat(first.getUri().toString()).isEqualTo("http://127.0.0.1:9001");
		assertThat(second.isSecure()).isTrue();
		assertThat(second.getUri().toString()).isEqualTo("https://127.0.0.1:9002");
	}

	@Test
	void instanceWhoseCheckTurnsCriticalLeavesOnTheWatchsAnswer() {
		consul.client().fail("service:inventory-1");
		long failed = System.nanoTime();
		// Well under a second on a quiet machine (printed); the bound is generous so that
		// a
		// busy machine cannot fail the test, and the list has no time to live to expire.
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> ids("inventory").equals(List.of("inventory-2")));
		System.out.println("Critical instance left the mesh's list after "
				+ Duration.ofNanos(System.nanoTime() - failed).toMillis() + " ms");
		// The mesh's own listener may see the event before this test's one: the list can
		// change a moment before the event reaches it.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.events).extracting(ServiceInstancesChangedEvent::getServiceId)
				.contains("inventory"));
		assertThat(this.events).extracting(ServiceInstancesChangedEvent::getOrigin).containsOnly("consul");
	}

	@Test
	void newInstanceJoinsOnTheWatchsAnswer() {
		consul.client().registerPassing("inventory", "inventory-3", 9003, Map.of());
		long registered = System.nanoTime();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> ids("inventory").contains("inventory-3"));
		System.out.println("New instance joined the mesh's list after "
				+ Duration.ofNanos(System.nanoTime() - registered).toMillis() + " ms");
	}

	@Test
	void firstLookupOfAnotherServiceStartsItsWatchAndGetsTheFirstAnswer() {
		consul.client().registerPassing("billing", "billing-1", 9101, Map.of());
		ConsulServiceWatches watches = this.app.getBean(ConsulServiceWatches.class);
		assertThat(watches.watchedServices()).doesNotContain("billing");
		assertThat(ids("billing")).containsExactly("billing-1");
		assertThat(watches.watchedServices()).contains("billing");
		ConsulWatchStatus status = watches.status("billing");
		assertThat(status.isFresh()).isTrue();
		assertThat(status.getIndex()).isPositive();
		assertThat(status.getInstances()).isOne();
	}

	@Test
	void lookupOfUnknownServiceReturnsNothingWithoutWaitingLong() {
		long start = System.nanoTime();
		assertThat(this.discovery.getInstances("nothing-here")).isEmpty();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void springCloudConsulDiscoveryClientIsNotAsked() {
		assertThat(this.app.getBeansOfType(ConsulDiscoveryClient.class)).hasSize(1);
		assertThat(this.discovery.describeSources()).contains("Consul (watched services)")
			.doesNotContain("Spring Cloud Consul Discovery Client");
	}

	private List<String> ids(String service) {
		return this.discovery.getInstances(service).stream().map(ServiceInstance::getInstanceId).sorted().toList();
	}

}
