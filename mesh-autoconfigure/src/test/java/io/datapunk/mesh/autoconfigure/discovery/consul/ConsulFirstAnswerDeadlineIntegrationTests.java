package io.datapunk.mesh.autoconfigure.discovery.consul;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.internal.client.MeshClientFactory;
import io.datapunk.mesh.test.consul.TestConsul;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import io.datapunk.mesh.autoconfigure.discovery.consul.ConsulTestApplications;

/**
 * A call's first lookup waits for Consul's first answer no longer than the call's own
 * deadline: with a Consul that accepts connections and never answers, a call with a 200
 * ms timeout ends long before the 10 s first-answer wait.
 */
class ConsulFirstAnswerDeadlineIntegrationTests {

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private ServerSocket hung;

	@AfterEach
	void closeHungConsul() throws IOException {
		if (this.hung != null) {
			this.hung.close();
		}
		for (Socket socket : this.accepted) {
			socket.close();
		}
	}

	@Test
	void firstCallShouldEndWithinItsDeadlineWhileConsulHangs() throws Exception {
		int port = startHungConsul();
		try (ConfigurableApplicationContext context = ConsulTestApplications.client(consul,
				"spring.cloud.consul.port=" + port, "mesh.discovery.consul.watch.first-answer-timeout=10s",
				"mesh.defaults.timeout=200ms")) {
			RestClient client = context.getBean(MeshClientFactory.class).restClientBuilder().build();
			long start = System.nanoTime();
			assertThatExceptionOfType(MeshException.class)
				.isThrownBy(() -> client.get().uri("http://inventory/items/1").retrieve().body(String.class));
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			System.out.println("Call with a 200 ms timeout, Consul hung: ended after " + took.toMillis() + " ms");
			// Positive control: the lookup did reach the hung Consul.
			await().atMost(Duration.ofSeconds(20)).until(() -> !this.accepted.isEmpty());
			// Far below the 10 s first-answer wait (a loaded machine may add a little).
			assertThat(took).isLessThan(Duration.ofSeconds(5));
		}
	}

	private int startHungConsul() throws IOException {
		this.hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!this.hung.isClosed()) {
				try {
					// Accepted and never answered, as a hung agent would.
					this.accepted.add(this.hung.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "hung-consul");
		acceptor.setDaemon(true);
		acceptor.start();
		return this.hung.getLocalPort();
	}

}
