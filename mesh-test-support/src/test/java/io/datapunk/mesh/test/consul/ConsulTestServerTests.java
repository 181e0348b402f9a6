package io.datapunk.mesh.test.consul;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ConsulTestServer}: it behaves as Consul's documentation says.
 */
class ConsulTestServerTests {

	private static final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	private ConsulTestServer server = ConsulTestServer.start();

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void healthServiceWithPassingReturnsOnlyInstancesWhoseChecksAllPass() throws Exception {
		ConsulTestClient client = new ConsulTestClient(this.server.uri(), null);
		client.registerPassing("inventory", "inventory-1", 8081, Map.of("zone", "a"));
		String failing = client.registerPassing("inventory", "inventory-2", 8082, Map.of());
		client.fail(failing);
		JsonNode all = json.readTree(get("/v1/health/service/inventory").body());
		JsonNode passing = json.readTree(get("/v1/health/service/inventory?passing").body());
		assertThat(all).hasSize(2);
		assertThat(passing).hasSize(1);
		assertThat(passing.get(0).path("Service").path("ID").asText()).isEqualTo("inventory-1");
		assertThat(passing.get(0).path("Service").path("Meta").path("zone").asText()).isEqualTo("a");
		assertThat(passing.get(0).path("Checks").findValuesAsText("Status")).containsOnly("passing");
	}

	@Test
	void blockingQueryReturnsWhenTheIndexMovesOrTheWaitEnds() throws Exception {
		ConsulTestClient client = new ConsulTestClient(this.server.uri(), null);
		String check = client.registerPassing("inventory", "inventory-1", 8081, Map.of());
		HttpResponse<String> first = get("/v1/health/service/inventory?passing");
		long index = Long.parseLong(first.headers().firstValue("X-Consul-Index").orElseThrow());
		long start = System.nanoTime();
		HttpResponse<String> unchanged = get("/v1/health/service/inventory?passing&index=" + index + "&wait=300ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
		assertThat(unchanged.headers().firstValue("X-Consul-Index")).hasValue(Long.toString(index));
		Thread failer = new Thread(() -> {
			sleep(200);
			client.fail(check);
		});
		failer.start();
		start = System.nanoTime();
		HttpResponse<String> changed = get("/v1/health/service/inventory?passing&index=" + index + "&wait=30s");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(Long.parseLong(changed.headers().firstValue("X-Consul-Index").orElseThrow())).isGreaterThan(index);
		assertThat(json.readTree(changed.body())).isEmpty();
	}

	@Test
	void ttlCheckTurnsCriticalWhenNotPassedInTime() throws Exception {
		put("/v1/agent/service/register",
				"{\"ID\":\"a-1\",\"Name\":\"a\",\"Port\":1,\"Check\":{\"TTL\":\"300ms\",\"Status\":\"passing\"}}");
		assertThat(json.readTree(get("/v1/health/service/a?passing").body())).hasSize(1);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(json.readTree(get("/v1/health/service/a?passing").body())).isEmpty());
		assertThat(json.readTree(get("/v1/agent/checks").body()).path("service:a-1").path("Output").asText())
			.isEqualTo("TTL expired");
	}

	@Test
	void criticalServiceIsDeregisteredAfterDeregisterCriticalServiceAfter() throws Exception {
		put("/v1/agent/service/register",
				"{\"ID\":\"a-1\",\"Name\":\"a\",\"Port\":1,\"Check\":{\"TTL\":\"10s\",\"DeregisterCriticalServiceAfter\":\"300ms\"}}");
		assertThat(get("/v1/agent/service/a-1").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(get("/v1/agent/service/a-1").statusCode()).isEqualTo(404));
	}

	@Test
	void httpCheckRunsAtItsInterval() throws Exception {
		ConsulTestServer target = ConsulTestServer.start();
		try {
			put("/v1/agent/service/register", "{\"ID\":\"a-1\",\"Name\":\"a\",\"Port\":1,\"Check\":{\"HTTP\":\""
					+ target.uri() + "/v1/status/leader\",\"Interval\":\"100ms\"}}");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(json.readTree(get("/v1/health/service/a?passing").body())).hasSize(1));
			target.stop();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(json.readTree(get("/v1/health/service/a?passing").body())).isEmpty());
		}
		finally {
			target.close();
		}
	}

	@Test
	void aclTokenIsRequiredWhenConfigured() throws Exception {
		this.server.close();
		this.server = ConsulTestServer.withToken("secret-token");
		assertThat(get("/v1/agent/services").statusCode()).isEqualTo(403);
		assertThat(get("/v1/agent/services").body()).contains("Permission denied");
		HttpResponse<String> wrong = send(
				HttpRequest.newBuilder(uri("/v1/agent/services")).header("X-Consul-Token", "x"));
		assertThat(wrong.statusCode()).isEqualTo(403);
		assertThat(wrong.body()).isEqualTo("ACL not found");
		assertThat(send(HttpRequest.newBuilder(uri("/v1/agent/services")).header("X-Consul-Token", "secret-token"))
			.statusCode()).isEqualTo(200);
		assertThat(
				send(HttpRequest.newBuilder(uri("/v1/agent/services")).header("Authorization", "Bearer secret-token"))
					.statusCode())
			.isEqualTo(200);
		assertThat(get("/v1/status/leader").statusCode()).isEqualTo(200);
	}

	@Test
	void stopsAndStartsAgainOnTheSamePortKeepingRegistrations() throws Exception {
		new ConsulTestClient(this.server.uri(), null).registerPassing("a", "a-1", 1, Map.of());
		int port = this.server.port();
		this.server.stop();
		assertThat(this.server.isRunning()).isFalse();
		this.server.restart();
		assertThat(this.server.port()).isEqualTo(port);
		assertThat(json.readTree(get("/v1/agent/services").body()).has("a-1")).isTrue();
		this.server.loseAllRegistrations();
		assertThat(json.readTree(get("/v1/agent/services").body()).size()).isZero();
	}

	@Test
	void catalogServicesListsServiceNamesWithTags() throws Exception {
		put("/v1/agent/service/register", "{\"ID\":\"a-1\",\"Name\":\"a\",\"Tags\":[\"t1\"],\"Port\":1}");
		HttpResponse<String> response = get("/v1/catalog/services");
		assertThat(json.readTree(response.body()).path("a").get(0).asText()).isEqualTo("t1");
		assertThat(response.headers().firstValue("X-Consul-Index")).isPresent();
		assertThat(json.readTree(get("/v1/agent/self").body()).path("Config").path("Datacenter").asText())
			.isEqualTo("dc1");
	}

	private URI uri(String path) {
		return this.server.uri().resolve(path);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)));
	}

	private void put(String path, String body) throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
