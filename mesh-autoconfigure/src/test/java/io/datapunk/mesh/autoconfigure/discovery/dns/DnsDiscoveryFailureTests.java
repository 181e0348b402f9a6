package io.datapunk.mesh.autoconfigure.discovery.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.datapunk.mesh.internal.discovery.dns.DnsDiscoveryClient;
import io.datapunk.mesh.internal.discovery.dns.DnsServiceStatus;
import io.datapunk.mesh.test.FreePorts;
import io.datapunk.mesh.test.dns.TestDnsServer;
import io.datapunk.mesh.test.dns.TestDnsZone.Srv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * DNS SRV discovery against a real DNS server on 127.0.0.1 when DNS fails: a server that
 * stops answering or answers with an error, a first call with no answer yet, and a server
 * among several that is silent or unreachable.
 */
class DnsDiscoveryFailureTests {

	private static final String INVENTORY = "_http._tcp.inventory.service.consul";

	private final TestDnsServer dns = TestDnsServer.start();

	private final List<DnsDiscoveryClient> clients = new ArrayList<>();

	@BeforeEach
	void records() {
		this.dns.a("one.node.consul", 60, "127.0.0.1");
	}

	@AfterEach
	void stop() {
		this.clients.forEach(DnsDiscoveryClient::destroy);
		this.dns.close();
	}

	@Test
	void aServerThatStopsAnsweringShouldLeaveTheLastAnswerServingMarkedStale() {
		this.dns.srv(INVENTORY, 1, Srv.of(10, 1, 8081, "one.node.consul"));
		DnsDiscoveryProperties properties = properties();
		properties.setTimeout(Duration.ofMillis(200));
		DnsDiscoveryClient client = client(properties);
		List<ServiceInstance> known = client.getInstances("inventory");
		this.dns.answering(false);
		await().atMost(Duration.ofSeconds(10)).until(() -> client.status("inventory").isStale());
		DnsServiceStatus stale = client.status("inventory");
		assertThat(stale.lastError()).containsIgnoringCase("timed out");
		assertThat(client.getInstances("inventory")).isSameAs(known);
		long queries = this.dns.queryCount(INVENTORY, Type.SRV);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.dns.queryCount(INVENTORY, Type.SRV) > queries + 2);
		assertThat(client.getInstances("inventory")).isSameAs(known);
		this.dns.answering(true);
		await().atMost(Duration.ofSeconds(10)).until(() -> !client.status("inventory").isStale());
		assertThat(client.status("inventory").lastError()).isNull();
	}

	@Test
	void aServerErrorShouldLeaveTheLastAnswerServing() {
		this.dns.srv(INVENTORY, 1, Srv.of(10, 1, 8081, "one.node.consul"));
		DnsDiscoveryClient client = client();
		List<ServiceInstance> known = client.getInstances("inventory");
		this.dns.answerWith(Rcode.SERVFAIL);
		await().atMost(Duration.ofSeconds(10)).until(() -> client.status("inventory").isStale());
		assertThat(client.status("inventory").lastError()).contains("SERVFAIL");
		assertThat(client.getInstances("inventory")).isSameAs(known);
	}

	@Test
	void firstCallsShouldWaitForAnAnswerAtMostTheTimeout() {
		this.dns.answering(false);
		DnsDiscoveryProperties properties = properties();
		properties.setTimeout(Duration.ofSeconds(2));
		DnsDiscoveryClient client = client(properties);
		long start = System.nanoTime();
		// No answer is not "no instances": the caller (the discovery cache) is told.
		assertThatIllegalStateException().isThrownBy(() -> client.getInstances("inventory"))
			.withMessageContaining("DNS has not answered for service 'inventory'");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1_900),
				Duration.ofSeconds(15));
		// The lookup goes on: once it has failed, calls no longer wait.
		await().atMost(Duration.ofSeconds(10)).until(() -> client.status("inventory").isStale());
		// A call that waited would take the 2 s timeout again: well apart from any delay
		// of a busy machine.
		start = System.nanoTime();
		assertThatIllegalStateException().isThrownBy(() -> client.getInstances("inventory"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
		// And once DNS answers, the service is found without a call waiting.
		this.dns.srv(INVENTORY, 30, Srv.of(10, 1, 8081, "one.node.consul"));
		this.dns.answering(true);
		await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.until(() -> client.getInstances("inventory").size() == 1);
	}

	@Test
	void theNextServerShouldBeAskedWhenOneGivesNoAnswer() {
		this.dns.srv(INVENTORY, 30, Srv.of(10, 1, 8081, "one.node.consul"));
		try (TestDnsServer silent = TestDnsServer.start()) {
			silent.answering(false);
			DnsDiscoveryProperties properties = properties();
			properties.setTimeout(Duration.ofMillis(300));
			properties.setServers(List.of(silent.address(), this.dns.address()));
			// The resolver picks the first server at random: ask a few times.
			for (int i = 0; i < 4; i++) {
				DnsDiscoveryClient client = client(properties);
				// The first call may see only the silent server: no answer yet.
				catchThrowable(() -> client.getInstances("inventory"));
				await().atMost(Duration.ofSeconds(10))
					.ignoreExceptions()
					.until(() -> client.getInstances("inventory").size() == 1);
			}
			assertThat(this.dns.queryCount(INVENTORY, Type.SRV)).isEqualTo(4);
		}
	}

	@Test
	void anUnreachableServerShouldBeSkipped() {
		this.dns.srv(INVENTORY, 30, Srv.of(10, 1, 8081, "one.node.consul"));
		DnsDiscoveryProperties properties = properties();
		properties.setServers(List.of("127.0.0.1:" + FreePorts.closedPort(), this.dns.address()));
		for (int i = 0; i < 4; i++) {
			DnsDiscoveryClient client = client(properties);
			// A first call waits a bounded time for the first answer, which two suites
			// at once on two cores have delayed past it: ask until it is there.
			await().atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.until(() -> client.getInstances("inventory").size() == 1);
		}
		assertThat(this.dns.queryCount(INVENTORY, Type.SRV)).isEqualTo(4);
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
		// Events are not what these tests look at.
		DnsDiscoveryClient client = new DnsDiscoveryClient(properties, Set.of(), (event) -> {
		});
		this.clients.add(client);
		return client;
	}

}
