package io.datapunk.mesh.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A storefront whose only inventory instance does not listen.
 */
@ExtendWith(OutputCaptureExtension.class)
class StorefrontWithoutInventoryTests {

	@Test
	void productIsServiceUnavailableNamingTheServiceButNotItsInstances(CapturedOutput output) throws Exception {
		String deadInstance = "http://127.0.0.1:" + closedPort();
		try (ConfigurableApplicationContext storefront = SampleApplication.runStorefront(List.of(deadInstance),
				"--server.port=0")) {
			URI uri = URI.create("http://127.0.0.1:" + SampleApplication.portOf(storefront) + "/products/42");
			HttpResponse<String> response = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.build()
				.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(response.body()).contains("\"service\":\"inventory\"")
				// The only instance refused three times: the GET was retried after short
				// backoffs.
				.contains("\"attempts\":3")
				.doesNotContain(deadInstance);
			// The operator's details go to the log.
			assertThat(output).contains("Call to service 'inventory'").contains(deadInstance);
		}
	}

	/** A port that was free a moment ago: opened, then closed. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
