package io.datapunk.mesh.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as the README's command starts it: with a flaky and a slow replica and
 * steady background calls, the mesh's endpoint, health and meters show it at work within
 * seconds.
 */
class ShowcaseTests {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final ObjectMapper json = new ObjectMapper();

	@Test
	void meshEndpointHealthAndMetricsShowTheFlakyAndTheSlowReplica() throws Exception {
		try (RunningSample sample = SampleApplication.runAll("--server.port=0")) {
			String flaky = sample.inventoryUrls().get(1);
			String slow = sample.inventoryUrls().get(2);
			// The flaky replica gets ejected and its 503s retried elsewhere.
			await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
				JsonNode inventory = json.readTree(get(sample, "/actuator/mesh/inventory").body());
				assertThat(inventory.path("retries").path("retries").path("status-503").asInt()).isPositive();
				assertThat(instance(inventory, flaky).path("ejections").asInt()).isPositive();
			});
			JsonNode inventory = json.readTree(get(sample, "/actuator/mesh/inventory").body());
			// The slow replica's latency average shows its 300 ms.
			JsonNode slowInstance = instance(inventory, slow);
			if (slowInstance.has("latencyMillis")) {
				assertThat(slowInstance.path("latencyMillis").asDouble()).isGreaterThan(100);
			}
			JsonNode health = json.readTree(get(sample, "/actuator/health").body());
			assertThat(health.path("components")
				.path("mesh")
				.path("components")
				.path("inventory")
				.path("details")
				.path("instances")
				.asInt()).isEqualTo(3);
			String prometheus = get(sample, "/actuator/prometheus").body();
			assertThat(prometheus).contains("mesh_client_retries_total{reason=\"status-503\",service=\"inventory\"}")
				.contains("mesh_client_requests_seconds_count{")
				.contains("resilience4j_circuitbreaker_state{");
		}
	}

	private static JsonNode instance(JsonNode service, String url) {
		for (JsonNode instance : service.path("instances")) {
			if (instance.path("address").asText().equals(url)) {
				return instance;
			}
		}
		throw new AssertionError("No instance " + url + " in " + service);
	}

	private static HttpResponse<String> get(RunningSample sample, String path)
			throws IOException, InterruptedException {
		URI uri = URI.create("http://127.0.0.1:" + sample.storefrontPort() + path);
		return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

}
