package io.datapunk.mesh.autoconfigure.discovery.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.datapunk.mesh.ServiceInstancesChangedEvent;
import io.datapunk.mesh.test.Concurrently;
import io.datapunk.mesh.test.dns.TestDnsServer;
import io.datapunk.mesh.test.dns.TestDnsZone.Srv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.discovery.dns.DnsDiscoveryProperties;
import io.datapunk.mesh.internal.discovery.dns.DnsDiscoveryClient;
import io.datapunk.mesh.internal.discovery.dns.DnsServiceStatus;

/**
 * DNS SRV discovery against a real DNS server on 127.0.0.1: what the records give and how
 * long answers are kept. {@link DnsDiscoveryFailureTests} covers what happens when DNS
 * fails.
 */
class DnsDiscoveryClientTests {

	private static final String INVENTORY = "_http._tcp.inventory.service.consul";

	private final TestDnsServer dns = TestDnsServer.start();

	private final List<ServiceInstancesChangedEvent> events = new CopyOnWriteArrayList<>();

	private final List<DnsDiscoveryClient> clients = new ArrayList<>();

	@BeforeEach
	void records() {
		this.dns.a("one.node.consul", 60, "127.0.0.1");
		this.dns.a("two.node.consul", 60, "127.0.0.2");
		this.dns.a("three.node.consul", 60, "127.0.0.3");
	}

	@AfterEach
	void stop() {
		this.clients.forEach(DnsDiscoveryClient::destroy);
		this.dns.close();
	}

	@Test
	void instancesAndWeightsShouldComeFromTheRecords() {
		this.dns.srv(INVENTORY, 30, Srv.of(10, 1, 8081, "one.node.consul"), Srv.of(10, 3, 8082, "two.node.consul"));
		List<ServiceInstance> instances = client().getInstances("inventory");
		assertThat(instances).extracting(ServiceInstance::getHost, ServiceInstance::getPort, ServiceInstance::isSecure)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("127.0.0.1", 8081, false),
					org.assertj.core.groups.Tuple.tuple("127.0.0.2", 8082, false));
		assertThat(instances).extracting((instance) -> instance.getMetadata().get("weight")).containsExactly("1", "3");
		assertThat(instances.get(0).getMetadata()).containsEntry("target", "one.node.consul")
			.containsEntry("priority", "10");
		assertThat(instances).extracting(ServiceInstance::getServiceId).containsOnly("inventory");
		// The additional section carried the addresses: no A query was needed.
		assertThat(this.dns.queryCount("one.node.consul", Type.A)).isZero();
	}

	@Test
	void targetsShouldBeResolvedWithAQueriesWhenTheAnswerCarriesNoAddress() {
		this.dns.additionalAddresses(false);
		this.dns.srv(INVENTORY, 30, Srv.of(10, 5, 8081, "one.node.consul"), Srv.of(10, 5, 8082, "two.node.consul"));
		assertThat(client().getInstances("inventory")).extracting(ServiceInstance::getHost)
			.containsExactly("127.0.0.1", "127.0.0.2");
		assertThat(this.dns.queryCount("one.node.consul", Type.A)).isEqualTo(1);
		assertThat(this.dns.queryCount("two.node.consul", Type.A)).isEqualTo(1);
	}

	@Test
	void aTargetWithOnlyAnIpv6AddressShouldBeFoundWithAnAaaaQuery() {
		this.dns.additionalAddresses(false);
		this.dns.aaaa("six.node.consul", 60, "::1");
		this.dns.srv(INVENTORY, 30, Srv.of(10, 5, 8086, "six.node.consul"));
		ServiceInstance instance = client().getInstances("inventory").get(0);
		assertThat(instance.getHost()).isEqualTo("0:0:0:0:0:0:0:1");
		assertThat(instance.getPort()).isEqualTo(8086);
	}

	@Test
	void onlyTheGroupWithTheLowestPriorityValueShouldBeUsed() {
		this.dns.srv(INVENTORY, 30, Srv.of(20, 1, 8083, "three.node.consul"), Srv.of(10, 1, 8081, "one.node.consul"),
				Srv.of(10, 1, 8082, "two.node.consul"));
		assertThat(client().getInstances("inventory")).extracting(ServiceInstance::getPort).containsExactly(8081, 8082);
	}

	@Test
	void theNextPriorityGroupShouldBeUsedWhenNoTargetOfTheFirstHasAnAddress() {
		this.dns.srv(INVENTORY, 30, Srv.of(10, 1, 8081, "gone.node.consul"), Srv.of(20, 1, 8083, "three.node.consul"));
		assertThat(client().getInstances("inventory")).extracting(ServiceInstance::getHost)
			.containsExactly("127.0.0.3");
	}

	@Test
	void aWeightOfZeroShouldCountAsOne() {
		this.dns.srv(INVENTORY, 30, Srv.of(10, 0, 8081, "one.node.consul"), Srv.of(10, 0, 8082, "two.node.consul"));
		assertThat(client().getInstances("inventory")).extracting((instance) -> instance.getMetadata().get("weight"))
			.containsExactly("1", "1");
	}

	@Test
	void anHttpsPatternShouldGiveSecureInstances() {
		this.dns.srv("_https._tcp.inventory.example.test", 30, Srv.of(10, 1, 8443, "one.node.consul"));
		DnsDiscoveryProperties properties = properties();
		properties.setNamePattern("_https._tcp.{service}.example.test");
		ServiceInstance instance = client(properties).getInstances("inventory").get(0);
		assertThat(instance.isSecure()).isTrue();
		assertThat(instance.getUri()).hasToString("https://127.0.0.1:8443");
	}

	@Test
	void anUnknownNameOrNoRecordsOrTargetDotShouldGiveNoInstances() {
		this.dns.srv("_http._tcp.empty.service.consul", 30);
		this.dns.srv("_http._tcp.declined.service.consul", 30, Srv.of(0, 0, 0, "."));
		DnsDiscoveryClient client = client();
		assertThat(client.getInstances("unknown")).isEmpty();
		assertThat(client.getInstances("empty")).isEmpty();
		assertThat(client.getInstances("declined")).isEmpty();
		assertThat(client.status("unknown").isStale()).isFalse();
		assertThat(client.status("unknown").updatedAt()).isNotNull();
	}

	@Test
	void anAnswerWithoutRecordsShouldBeKeptForTheNegativeTtlOfTheSoa() {
		this.dns.negativeTtl(5);
		DnsDiscoveryClient client = client();
		assertThat(client.getInstances("unknown")).isEmpty();
		DnsServiceStatus status = client.status("unknown");
		assertThat(status.expiresAt()).isEqualTo(status.updatedAt().plusSeconds(5));
		// A service that appears is found once that TTL has passed.
		this.dns.srv("_http._tcp.unknown.service.consul", 30, Srv.of(10, 1, 8081, "one.node.consul"));
		assertThat(client.getInstances("unknown")).isEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> !client.getInstances("unknown").isEmpty());
		assertThat(Duration.between(status.updatedAt(), client.status("unknown").updatedAt()))
			.isBetween(Duration.ofMillis(4_000), Duration.ofMillis(7_000));
	}

	@Test
	void concurrentFirstCallsShouldShareOneLookup() throws Exception {
		this.dns.srv(INVENTORY, 30, Srv.of(10, 1, 8081, "one.node.consul"));
		DnsDiscoveryClient client = client();
		Concurrently.repeat(8, 50, () -> assertThat(client.getInstances("inventory")).hasSize(1));
		assertThat(this.dns.queryCount(INVENTORY, Type.SRV)).isEqualTo(1);
	}

	@Test
	void anAnswerTooLongForADatagramShouldBeFetchedOverTcp() {
		List<Srv> records = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			String target = "instance-with-a-rather-long-host-name-" + i + ".node.dc1.consul";
			this.dns.a(target, 60, "127.0.1." + i);
			records.add(Srv.of(10, 1, 9000 + i, target));
		}
		this.dns.srv(INVENTORY, 30, records.toArray(new Srv[0]));
		assertThat(client().getInstances("inventory")).hasSize(60);
		assertThat(this.dns.queries()).anyMatch((query) -> query.tcp() && query.type() == Type.SRV);
	}

	@Test
	void invalidServiceNamesShouldNeverReachAQuery() {
		DnsDiscoveryClient client = client();
		for (String name : List.of("Inventory", "inventory.evil.example", "in ventory", "", "-x", "a".repeat(64))) {
			assertThat(client.getInstances(name)).isEmpty();
		}
		assertThat(this.dns.queries()).isEmpty();
	}

	@Test
	void anAnswerShouldBeKeptForItsTtlAndRenewedInTheBackground() {
		this.dns.srv(INVENTORY, 2, Srv.of(10, 1, 8081, "one.node.consul"));
		DnsDiscoveryClient client = client();
		List<ServiceInstance> first = client.getInstances("inventory");
		long start = System.nanoTime();
		// Calls within the TTL get the same list, without a query.
		while (System.nanoTime() - start < 1_000_000_000L) {
			assertThat(client.getInstances("inventory")).isSameAs(first);
		}
		assertThat(this.dns.queryCount(INVENTORY, Type.SRV)).isEqualTo(1);
		// Renewed shortly before the TTL ends; an unchanged answer keeps the list.
		await().atMost(Duration.ofSeconds(5)).until(() -> this.dns.queryCount(INVENTORY, Type.SRV) >= 3);
		assertThat(client.getInstances("inventory")).isSameAs(first);
		List<TestDnsServer.Query> queries = this.dns.queries();
		long gapMillis = (queries.get(2).nanoTime() - queries.get(1).nanoTime()) / 1_000_000;
		assertThat(gapMillis).as("time between two renewals of a 2 s answer").isBetween(1_500L, 4_000L);
		// The first answer is a change (from nothing); the renewals are not.
		assertThat(this.events).hasSize(1);
	}

	@Test
	void ttlsShouldBeBoundedByMinAndMaxTtl() {
		this.dns.srv(INVENTORY, 0, Srv.of(10, 1, 8081, "one.node.consul"));
		this.dns.srv("_http._tcp.billing.service.consul", 86400, Srv.of(10, 1, 8082, "two.node.consul"));
		DnsDiscoveryProperties properties = properties();
		properties.setMinTtl(Duration.ofMillis(500));
		properties.setMaxTtl(Duration.ofSeconds(1));
		DnsDiscoveryClient client = client(properties);
		client.getInstances("inventory");
		client.getInstances("billing");
		assertThat(client.status("inventory").expiresAt())
			.isEqualTo(client.status("inventory").updatedAt().plusMillis(500));
		assertThat(client.status("billing").expiresAt()).isEqualTo(client.status("billing").updatedAt().plusSeconds(1));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.dns.queryCount("_http._tcp.billing.service.consul", Type.SRV) >= 3);
	}

	@Test
	void aChangedRecordShouldReplaceTheListAndBePublished() {
		this.dns.srv(INVENTORY, 1, Srv.of(10, 1, 8081, "one.node.consul"));
		DnsDiscoveryClient client = client();
		assertThat(client.getInstances("inventory")).extracting(ServiceInstance::getPort).containsExactly(8081);
		this.dns.srv(INVENTORY, 1, Srv.of(10, 1, 8082, "two.node.consul"));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(client.getInstances("inventory")).extracting(ServiceInstance::getPort)
				.containsExactly(8082));
		assertThat(this.events)
			.extracting(ServiceInstancesChangedEvent::getServiceId, ServiceInstancesChangedEvent::getOrigin)
			.contains(org.assertj.core.groups.Tuple.tuple("inventory", "dns"));
	}

	@Test
	void aNameThatDisappearsShouldLeaveNoInstancesFromDns() {
		this.dns.srv(INVENTORY, 1, Srv.of(10, 1, 8081, "one.node.consul"));
		DnsDiscoveryClient client = client();
		assertThat(client.getInstances("inventory")).hasSize(1);
		this.dns.remove(INVENTORY);
		await().atMost(Duration.ofSeconds(5)).until(() -> client.getInstances("inventory").isEmpty());
		// Not a failure: the answer is that there is nothing.
		assertThat(client.status("inventory").isStale()).isFalse();
		assertThat(client.getServices()).doesNotContain("inventory");
	}

	@Test
	void servicesOfTheConfigurationShouldBeLookedUpAtStartup() {
		this.dns.srv(INVENTORY, 30, Srv.of(10, 1, 8081, "one.node.consul"));
		DnsDiscoveryClient client = new DnsDiscoveryClient(properties(), Set.of("inventory", "Not_Valid"),
				this::publish);
		this.clients.add(client);
		client.afterSingletonsInstantiated();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.dns.queryCount(INVENTORY, Type.SRV) == 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> client.getServices().contains("inventory"));
		assertThat(this.dns.queries()).hasSize(1);
	}

	@Test
	void aServiceNoCallAsksForShouldNoLongerBeRenewed() {
		this.dns.srv(INVENTORY, 1, Srv.of(10, 1, 8081, "one.node.consul"));
		DnsDiscoveryProperties properties = properties();
		properties.setMinTtl(Duration.ofMillis(200));
		properties.setIdleTimeout(Duration.ofMillis(500));
		DnsDiscoveryClient client = client(properties);
		client.getInstances("inventory");
		// Reports (a health check listing services, say) are not calls.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> client.getServices().isEmpty() && client.statuses().isEmpty()
					&& client.status("inventory") == null);
		long queries = this.dns.queryCount(INVENTORY, Type.SRV);
		assertThat(queries).isBetween(2L, 4L);
		// Asked again, it is looked up again.
		assertThat(client.getInstances("inventory")).hasSize(1);
		assertThat(this.dns.queryCount(INVENTORY, Type.SRV)).isEqualTo(queries + 1);
	}

	private void publish(Object event) {
		this.events.add((ServiceInstancesChangedEvent) event);
	}

	private DnsDiscoveryProperties properties() {
		DnsDiscoveryProperties properties = new DnsDiscoveryProperties();
		properties.setEnabled(true);
		properties.setServers(List.of(this.dns.address()));
		return properties;
	}

	private DnsDiscoveryClient client() {
		return client(properties());
	}

	private DnsDiscoveryClient client(DnsDiscoveryProperties properties) {
		DnsDiscoveryClient client = new DnsDiscoveryClient(properties, Set.of(), this::publish);
		this.clients.add(client);
		return client;
	}

}
