package io.datapunk.mesh.autoconfigure.discovery.dns;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.datapunk.mesh.ServiceNotFoundException;
import io.datapunk.mesh.autoconfigure.client.scan.app.InventoryClient;
import io.datapunk.mesh.autoconfigure.client.scan.app.ScanAppConfiguration;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.dns.TestDnsServer;
import io.datapunk.mesh.test.dns.TestDnsZone.Srv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.internal.discovery.dns.DnsDiscoveryClient;
import io.datapunk.mesh.internal.discovery.dns.DnsServiceStatus;

/**
 * {@code @MeshClient} calls to real HTTP servers on 127.0.0.1 whose instances come from a
 * real DNS server's SRV records: weights, record changes after their TTL, and a DNS
 * server that stops answering.
 */
class DnsDiscoveryIntegrationTests {

	private static final String INVENTORY = "_http._tcp.inventory.service.consul";

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "backup");

	private final TestDnsServer dns = TestDnsServer.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(AutoConfigurations.of(DnsDiscoveryAutoConfiguration.class))
		.withUserConfiguration(ScanAppConfiguration.class)
		.withPropertyValues("mesh.discovery.dns.enabled=true", "mesh.discovery.dns.servers=" + this.dns.address(),
				"mesh.discovery.dns.timeout=200ms");

	@BeforeEach
	void hosts() {
		this.dns.a("one.node.consul", 60, "127.0.0.1");
		this.dns.a("two.node.consul", 60, "127.0.0.1");
		this.dns.a("backup.node.consul", 60, "127.0.0.1");
	}

	@AfterEach
	void stopDns() {
		this.dns.close();
	}

	@Test
	void instancesAndWeightsShouldComeFromTheRecordsAndTheWeightedBalancerHonourThem() {
		this.dns.srv(INVENTORY, 30, srv(10, 1, 0), srv(10, 3, 1), srv(20, 1, 2));
		this.contextRunner.withPropertyValues("mesh.services.inventory.load-balancer=weighted").run((context) -> {
			List<ServiceInstance> instances = context.getBean(MeshDiscovery.class).getInstances("inventory");
			assertThat(instances).extracting(ServiceInstance::getPort)
				.containsExactlyInAnyOrder(servers.get(0).port(), servers.get(1).port());
			InventoryClient inventory = context.getBean(InventoryClient.class);
			Map<String, Integer> hits = new TreeMap<>();
			for (int i = 0; i < 400; i++) {
				hits.merge((String) inventory.item(Integer.toString(i)).get("server"), 1, Integer::sum);
			}
			System.out.println("DNS weights 1:3 (priority 10), backup at priority 20, 400 calls: " + hits);
			// Binomial(400, 1/4): mean 100, standard deviation 8.7; the bounds are 4.6 of
			// it.
			assertThat(hits.getOrDefault("one", 0)).as("calls to weight 1").isBetween(60, 140);
			assertThat(hits.getOrDefault("two", 0)).as("calls to weight 3").isBetween(260, 340);
			assertThat(hits).doesNotContainKey("backup");
			// One lookup at startup (inventory is configured) served all 400 calls.
			assertThat(this.dns.queryCount(INVENTORY, Type.SRV)).isEqualTo(1);
		});
	}

	@Test
	void aRecordChangeShouldShowAfterItsTtlAndNotMuchLater() {
		this.dns.srv(INVENTORY, 2, srv(10, 1, 0));
		this.contextRunner.run((context) -> {
			InventoryClient inventory = context.getBean(InventoryClient.class);
			assertThat(inventory.item("1")).containsEntry("server", "one");
			// Change the record right after a lookup, so the old answer has its whole
			// TTL.
			long lookups = this.dns.queryCount(INVENTORY, Type.SRV);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.dns.queryCount(INVENTORY, Type.SRV) > lookups);
			List<TestDnsServer.Query> queries = this.dns.queries();
			long answered = queries.get(queries.size() - 1).nanoTime();
			this.dns.srv(INVENTORY, 2, srv(10, 1, 1));
			long changed = System.nanoTime();
			int callsToOldInstance = 0;
			while (true) {
				String server = (String) inventory.item("1").get("server");
				if ("two".equals(server)) {
					break;
				}
				assertThat(server).isEqualTo("one");
				callsToOldInstance++;
				assertThat(Duration.ofNanos(System.nanoTime() - changed)).as("time for the change to show")
					.isLessThan(Duration.ofSeconds(10));
				Thread.sleep(10);
			}
			Duration sinceAnswer = Duration.ofNanos(System.nanoTime() - answered);
			Duration sinceChange = Duration.ofNanos(System.nanoTime() - changed);
			System.out.println("DNS record change with TTL 2 s: shown " + sinceAnswer.toMillis()
					+ " ms after the previous answer, " + sinceChange.toMillis() + " ms after the change, "
					+ callsToOldInstance + " calls to the old instance meanwhile");
			// Renewed at 90 % of the TTL (at most 1 s ahead), never sooner.
			assertThat(sinceAnswer).isBetween(Duration.ofMillis(1_700), Duration.ofMillis(3_500));
			assertThat(inventory.item("2")).containsEntry("server", "two");
		});
	}

	@Test
	void aDnsServerThatStopsAnsweringShouldKeepTheLastListServing() {
		this.dns.srv(INVENTORY, 1, srv(10, 1, 0), srv(10, 1, 1));
		// Round robin, so that every instance of the list is seen serving.
		this.contextRunner.withPropertyValues("mesh.services.inventory.load-balancer=round-robin").run((context) -> {
			InventoryClient inventory = context.getBean(InventoryClient.class);
			DnsDiscoveryClient client = context.getBean(DnsDiscoveryClient.class);
			assertThat(inventory.item("1")).containsKey("server");
			this.dns.answering(false);
			long silentFrom = this.dns.queryCount(INVENTORY, Type.SRV);
			long start = System.nanoTime();
			int calls = 0;
			int failures = 0;
			Map<String, Integer> hits = new TreeMap<>();
			// Five TTLs without an answer: lookups time out and are retried meanwhile.
			while (System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
				try {
					hits.merge((String) inventory.item(Integer.toString(calls)).get("server"), 1, Integer::sum);
				}
				catch (RuntimeException ex) {
					failures++;
				}
				calls++;
				Thread.sleep(5);
			}
			long unanswered = this.dns.queryCount(INVENTORY, Type.SRV) - silentFrom;
			DnsServiceStatus status = client.status("inventory");
			System.out.println("DNS silent for 5 s: " + calls + " calls, " + failures + " failed, hits " + hits + ", "
					+ unanswered + " unanswered SRV queries, stale since " + status.staleSince());
			assertThat(failures).isZero();
			assertThat(hits).containsOnlyKeys("one", "two");
			assertThat(unanswered).as("lookups tried while DNS was silent").isGreaterThanOrEqualTo(2);
			assertThat(status.isStale()).isTrue();
			assertThat(status.instances()).hasSize(2);

			this.dns.srv(INVENTORY, 1, srv(10, 1, 1));
			this.dns.answering(true);
			await().atMost(Duration.ofSeconds(10)).until(() -> !client.status("inventory").isStale());
			servers.get(0).reset();
			for (int i = 0; i < 20; i++) {
				assertThat(inventory.item(Integer.toString(i))).containsEntry("server", "two");
			}
			assertThat(servers.get(0).hits()).isZero();
		});
	}

	@Test
	void aDeadDnsServerShouldNotHoldCallsThatStaticInstancesServe() {
		this.dns.answering(false);
		// A query timeout long enough that a call waiting for DNS stands out from any
		// scheduling delay of a busy machine.
		this.contextRunner
			.withPropertyValues("mesh.services.inventory.instances=" + servers.get(0).uri(),
					"mesh.discovery.dns.timeout=3s")
			.run((context) -> {
				InventoryClient inventory = context.getBean(InventoryClient.class);
				long start = System.nanoTime();
				assertThat(inventory.item("1")).containsEntry("server", "one");
				Duration first = Duration.ofNanos(System.nanoTime() - start);
				start = System.nanoTime();
				for (int i = 0; i < 20; i++) {
					assertThat(inventory.item(Integer.toString(i))).containsEntry("server", "one");
				}
				Duration next = Duration.ofNanos(System.nanoTime() - start).dividedBy(20);
				System.out.println("DNS silent, static instances: first call " + first.toMillis() + " ms, then "
						+ next.toMillis() + " ms per call");
				// Calls wait for DNS at most the query timeout (3 s) after its first
				// lookup, which started with the application; later ones never wait.
				assertThat(first).isLessThan(Duration.ofSeconds(15));
				assertThat(next).isLessThan(Duration.ofMillis(1_500));
			});
	}

	@Test
	void aServiceWithoutRecordsShouldNotBeFound() {
		this.contextRunner.run((context) -> assertThatExceptionOfType(ServiceNotFoundException.class)
			.isThrownBy(() -> context.getBean(InventoryClient.class).item("1"))
			.withMessageContaining("no instances of 'inventory' are known")
			.withMessageContaining("DNS SRV _http._tcp.{service}.service.consul"));
	}

	/** An SRV record for one of the HTTP servers, whose target is its name. */
	private static Srv srv(int priority, int weight, int server) {
		TestHttpServer target = servers.get(server);
		return Srv.of(priority, weight, target.port(), target.name() + ".node.consul");
	}

}
