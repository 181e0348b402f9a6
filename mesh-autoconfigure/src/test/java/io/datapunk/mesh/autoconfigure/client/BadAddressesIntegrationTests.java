package io.datapunk.mesh.autoconfigure.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.spi.RetryCondition;
import io.datapunk.mesh.autoconfigure.resilience.app.OrdersClient;
import io.datapunk.mesh.autoconfigure.resilience.app.ResilienceAppConfiguration;
import io.datapunk.mesh.test.MeshTestAutoConfigurations;
import io.datapunk.mesh.test.TestHttpServers;
import io.datapunk.mesh.test.MovedInBoot4;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import io.datapunk.mesh.internal.client.MeshClientFactory;

/**
 * Addresses that Consul, DNS or any {@link DiscoveryClient} may hand over but no HTTP
 * client can call (a space, {@code %} or {@code _} in the host, port 0): they are dropped
 * where they enter, with one WARN, and calls go to the good instances; no failure leaks
 * an instance's in-flight count.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadAddressesIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(MeshTestAutoConfigurations.meshClient())
		.withUserConfiguration(ResilienceAppConfiguration.class)
		.withPropertyValues("mesh.services.orders.load-balancer=round-robin",
				"mesh.services.orders.retry.base-backoff=1ms", "mesh.services.orders.retry.max-backoff=4ms");

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "bad host|8080", "bad_host|8080", "bad%host|8080", "127.0.0.1|0" })
	void badAddressFromADiscoveryClientShouldBeDroppedWithOneWarning(String host, int port, CapturedOutput output) {
		ServiceInstance good = instance("good", "127.0.0.1", servers.get(0).port());
		ServiceInstance bad = instance("bad", host, port);
		this.contextRunner.withBean(DiscoveryClient.class, () -> new FixedDiscoveryClient(List.of(good, bad)))
			.run((context) -> {
				OrdersClient orders = client(context);
				for (int i = 0; i < 20; i++) {
					assertThat(orders.order(Integer.toString(i))).containsEntry("server", "one");
				}
				assertThat(servers.get(0).hits()).isEqualTo(20);
				assertThat(context.getBean(MeshDiscovery.class).getInstances("orders"))
					.extracting(ServiceInstance::getHost)
					.containsExactly("127.0.0.1");
				InstanceLoads loads = context.getBean(InstanceLoads.class);
				assertThat(loads.of("orders", good).inFlight()).isZero();
				assertThat(loads.of("orders", bad).inFlight()).isZero();
				String address = host + ":" + port;
				assertThat(output.getAll().lines().filter((line) -> line.contains("WARN") && line.contains(address)))
					.singleElement()
					.satisfies((line) -> assertThat(line).contains("'orders'").contains("fixed test client"));
			});
	}

	@Test
	void throwingRetryConditionShouldLeaveNothingInFlight() {
		ServiceInstance good = instance("good", "127.0.0.1", servers.get(0).port());
		this.contextRunner.withBean(DiscoveryClient.class, () -> new FixedDiscoveryClient(List.of(good)))
			.withBean(RetryCondition.class, () -> (attempt) -> {
				throw new IllegalStateException("a broken retry condition");
			})
			.run((context) -> {
				OrdersClient orders = client(context);
				assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> orders.order("1"))
					.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("a broken retry condition"));
				// The request reached the server (positive control), and its attempt
				// ended.
				assertThat(servers.get(0).hits()).isEqualTo(1);
				assertThat(context.getBean(InstanceLoads.class).of("orders", good).inFlight()).isZero();
			});
	}

	@Test
	void malformedContentLengthShouldFailTheAttemptAndLeaveNothingInFlight() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
			Thread answering = new Thread(() -> answerWithMalformedContentLength(server));
			answering.setDaemon(true);
			answering.start();
			ServiceInstance good = instance("good", "127.0.0.1", servers.get(0).port());
			ServiceInstance broken = instance("broken", "127.0.0.1", server.getLocalPort());
			this.contextRunner.withPropertyValues(MovedInBoot4.httpClientFactory("simple"))
				.withBean(DiscoveryClient.class, () -> new FixedDiscoveryClient(List.of(broken, good)))
				.run((context) -> {
					OrdersClient orders = client(context);
					// The broken answer costs a retry on the good instance.
					for (int i = 0; i < 4; i++) {
						assertThat(orders.order(Integer.toString(i))).containsEntry("server", "one");
					}
					InstanceLoads loads = context.getBean(InstanceLoads.class);
					assertThat(loads.of("orders", good).inFlight()).isZero();
					assertThat(loads.of("orders", broken).inFlight()).isZero();
				});
		}
	}

	private static void answerWithMalformedContentLength(ServerSocket server) {
		while (!server.isClosed()) {
			try (Socket socket = server.accept()) {
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				String line = in.readLine();
				while (line != null && !line.isEmpty()) {
					line = in.readLine();
				}
				socket.getOutputStream()
					.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2x\r\n\r\n{}"
						.getBytes(StandardCharsets.ISO_8859_1));
				socket.getOutputStream().flush();
			}
			catch (IOException ex) {
				// Closed at the end of the test.
			}
		}
	}

	private static ServiceInstance instance(String id, String host, int port) {
		return new DefaultServiceInstance(id, "orders", host, port, false);
	}

	private static OrdersClient client(AssertableApplicationContext context) {
		return context.getBean(MeshClientFactory.class).createClient(OrdersClient.class, "orders");
	}

	/**
	 * A discovery client with a fixed list, as a user's, Consul or DNS may return.
	 */
	static final class FixedDiscoveryClient implements DiscoveryClient {

		private final List<ServiceInstance> instances;

		FixedDiscoveryClient(List<ServiceInstance> instances) {
			this.instances = instances;
		}

		@Override
		public String description() {
			return "fixed test client";
		}

		@Override
		public List<ServiceInstance> getInstances(String serviceId) {
			return "orders".equals(serviceId) ? this.instances : List.of();
		}

		@Override
		public List<String> getServices() {
			return List.of("orders");
		}

	}

}
