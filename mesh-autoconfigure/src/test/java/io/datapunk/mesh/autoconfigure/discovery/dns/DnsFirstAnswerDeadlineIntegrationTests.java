package io.datapunk.mesh.autoconfigure.discovery.dns;

import java.time.Duration;

import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.autoconfigure.client.scan.app.InventoryClient;
import io.datapunk.mesh.autoconfigure.client.scan.app.ScanAppConfiguration;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.dns.TestDnsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import io.datapunk.mesh.internal.discovery.dns.DnsDiscoveryClient;

/**
 * A call's first lookup waits for DNS no longer than the call's own deadline: with a DNS
 * server that never answers, a call with a 200 ms timeout ends long before the 10 s
 * first-answer wait.
 */
class DnsFirstAnswerDeadlineIntegrationTests {

	private final TestDnsServer dns = TestDnsServer.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withConfiguration(AutoConfigurations.of(DnsDiscoveryAutoConfiguration.class))
		.withUserConfiguration(ScanAppConfiguration.class)
		.withPropertyValues("mesh.discovery.dns.enabled=true", "mesh.discovery.dns.servers=" + this.dns.address(),
				"mesh.discovery.dns.timeout=10s", "mesh.defaults.timeout=200ms");

	@AfterEach
	void stopDns() {
		this.dns.close();
	}

	@Test
	void firstCallShouldEndWithinItsDeadlineWhileDnsIsSilent() {
		this.dns.answering(false);
		this.contextRunner.run((context) -> {
			InventoryClient inventory = context.getBean(InventoryClient.class);
			long start = System.nanoTime();
			assertThatExceptionOfType(MeshException.class).isThrownBy(() -> inventory.item("1"));
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			System.out.println("Call with a 200 ms timeout, DNS silent: ended after " + took.toMillis() + " ms");
			// Positive control: the lookup did ask the DNS server.
			assertThat(context.getBean(DnsDiscoveryClient.class).status("inventory")).isNotNull();
			// Far below the 10 s first-answer wait (a loaded machine may add a little).
			assertThat(took).isLessThan(Duration.ofSeconds(5));
		});
	}

}
