package io.datapunk.mesh.autoconfigure.balancer;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.datapunk.mesh.autoconfigure.client.scan.app.InventoryClient;
import io.datapunk.mesh.autoconfigure.client.scan.app.ScanAppConfiguration;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServer;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.internal.balancer.PeakEwmaLoadBalancer;
import io.datapunk.mesh.internal.balancer.ConfiguredLoadBalancer;
import io.datapunk.mesh.internal.balancer.InstanceLoads;

/**
 * The default strategy, p2c-ewma, against three real HTTP servers on 127.0.0.1, one of
 * them slow.
 */
class LoadBalancingIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "slow");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withUserConfiguration(ScanAppConfiguration.class);

	@Test
	void p2cEwmaShouldAvoidASlowInstanceThenUseItAgainOnceItIsFast() throws Exception {
		TestHttpServer slow = servers.get(2);
		slow.delay(Duration.ofMillis(50));
		// A shorter time constant than the default 10 s keeps the test short; the
		// mechanism (an idle instance's average fades until it is tried again) is the
		// same.
		this.contextRunner.withBean(InstanceLoads.class, () -> new InstanceLoads(Duration.ofMillis(500)))
			.withPropertyValues("mesh.services.inventory.instances=" + servers.uris())
			.run((context) -> {
				InventoryClient inventory = context.getBean(InventoryClient.class);
				for (int i = 0; i < 300; i++) {
					inventory.item(Integer.toString(i));
				}
				assertThat(slow.hits()).as("calls to the slow instance").isLessThanOrEqualTo(30);

				slow.delay(Duration.ZERO);
				Thread.sleep(3_000);
				slow.reset();
				// About a third of the calls once it is as fast as the others; a loaded
				// machine can stall one answer and delay that, so up to three rounds.
				for (int round = 0; round < 3 && slow.hits() <= 15; round++) {
					for (int i = 0; i < 300; i++) {
						inventory.item(Integer.toString(i));
					}
				}
				assertThat(slow.hits()).as("calls to the instance once fast").isGreaterThan(15);
			});
	}

	@Test
	void p2cEwmaShouldSpreadLowLoadOverHealthyInstancesFromTheFirstCall() {
		// Each instance's first answer includes opening its connection (and the first
		// call, the JVM's warm-up): it must not starve that instance.
		for (int run = 0; run < 3; run++) {
			servers.all().forEach(TestHttpServer::reset);
			this.contextRunner.withPropertyValues("mesh.services.inventory.instances=" + servers.uris())
				.run((context) -> {
					InventoryClient inventory = context.getBean(InventoryClient.class);
					for (int i = 0; i < 30; i++) {
						inventory.item(Integer.toString(i));
					}
					Map<String, Integer> spread = new TreeMap<>();
					servers.all().forEach((server) -> spread.put(server.name(), server.hits()));
					// A starved instance gets its first call and then nothing more (1 of
					// 30). A fair spread gives each about 10; a machine stall during one
					// answer weighs like a slow instance for the average's time constant,
					// so on a busy machine one instance may get only a few.
					assertThat(spread.values()).as("calls per instance out of 30: %s", spread)
						.allSatisfy((hits) -> assertThat(hits).isGreaterThanOrEqualTo(3));
				});
		}
	}

	@Test
	void p2cEwmaShouldBeTheDefault() {
		this.contextRunner.withPropertyValues("mesh.services.inventory.instances=" + servers.uris())
			.run((context) -> assertThat(context.getBean(ConfiguredLoadBalancer.class).strategyOf("inventory"))
				.isInstanceOf(PeakEwmaLoadBalancer.class));
	}

}
