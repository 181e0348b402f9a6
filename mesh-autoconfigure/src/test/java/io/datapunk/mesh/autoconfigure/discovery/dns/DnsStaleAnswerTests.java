package io.datapunk.mesh.autoconfigure.discovery.dns;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.datapunk.mesh.internal.discovery.CompositeMeshDiscovery;
import io.datapunk.mesh.internal.discovery.DiscoveryResult;
import io.datapunk.mesh.test.dns.TestDnsServer;
import io.datapunk.mesh.test.dns.TestDnsZone.Srv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.discovery.dns.DnsDiscoveryProperties;
import io.datapunk.mesh.internal.discovery.dns.DnsDiscoveryClient;

/**
 * A DNS answer kept after the server stopped answering is reported stale, with its age,
 * so that a cache never takes it for a current one.
 */
class DnsStaleAnswerTests {

	private final TestDnsServer dns = TestDnsServer.start();

	private DnsDiscoveryClient client;

	@AfterEach
	void stop() {
		if (this.client != null) {
			this.client.destroy();
		}
		this.dns.close();
	}

	@Test
	void answerKeptAfterTheServerWentSilentShouldBeStaleWithItsAge() {
		this.dns.a("one.node.consul", 60, "127.0.0.1");
		this.dns.srv("_http._tcp.inventory.service.consul", 0, Srv.of(10, 1, 8081, "one.node.consul"));
		DnsDiscoveryProperties properties = new DnsDiscoveryProperties();
		properties.setServers(List.of(this.dns.address()));
		properties.setTimeout(Duration.ofSeconds(1));
		properties.setMinTtl(Duration.ofMillis(200));
		this.client = new DnsDiscoveryClient(properties, Set.of(), null);
		CompositeMeshDiscovery discovery = new CompositeMeshDiscovery(List.of(this.client));
		// The first lookup may take longer than its wait on a busy machine.
		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.until(() -> this.client.getInstances("inventory").size() == 1);
		// Positive control: renewed every 200 ms (TTL 0), the answer is current.
		assertThat(this.client.staleFor("inventory")).isNull();
		assertThat(discovery.lookup("inventory").stale()).isFalse();
		this.dns.answering(false);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.client.staleFor("inventory") != null);
		DiscoveryResult result = discovery.lookup("inventory");
		assertThat(result.discovered()).hasSize(1);
		assertThat(result.stale()).isTrue();
		assertThat(result.staleSources()).singleElement()
			.satisfies((stale) -> assertThat(stale.source()).startsWith("DNS SRV"));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> discovery.lookup("inventory").staleAge().compareTo(Duration.ofSeconds(1)) > 0);
		this.dns.answering(true);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.client.staleFor("inventory") == null);
	}

}
