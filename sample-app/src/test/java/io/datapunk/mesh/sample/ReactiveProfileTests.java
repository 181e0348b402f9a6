package io.datapunk.mesh.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with profile {@code reactive}, started as the launcher starts it: the
 * storefront is a WebFlux app on Reactor Netty serving products through a reactive
 * {@code @MeshClient}, in front of the same three inventory replicas (with the showcase's
 * faults off, so that every call's answer is known).
 */
class ReactiveProfileTests {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final ObjectMapper json = new ObjectMapper();

	private static RunningSample sample;

	@BeforeAll
	static void startSample() {
		sample = SampleApplication.runAll("--server.port=0", "--sample.showcase.enabled=false",
				"--spring.profiles.active=reactive");
	}

	@AfterAll
	static void closeSample() {
		if (sample != null) {
			sample.close();
		}
	}

	@Test
	void storefrontIsAReactiveAppOnNetty() throws Exception {
		// By name: the reactive context and web server types moved package in Boot 4.
		Object context = sample.storefront();
		assertThat(context.getClass().getSimpleName()).contains("ReactiveWebServerApplicationContext");
		Object webServer = context.getClass().getMethod("getWebServer").invoke(context);
		assertThat(webServer.getClass().getSimpleName()).isEqualTo("NettyWebServer");
	}

	@Test
	void productIsBuiltFromTheInventoryItem() throws Exception {
		HttpResponse<String> response = get("/products/42");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode product = json.readTree(response.body());
		assertThat(product.get("id").asText()).isEqualTo("42");
		assertThat(product.get("name").asText()).isEqualTo("Brass Ladle");
		assertThat(product.get("inStock").asBoolean()).isTrue();
		assertThat(product.get("price").decimalValue()).isEqualByComparingTo("16.99");
		assertThat(product.get("servedBy").asText()).matches("inventory-\\d+");
	}

	@Test
	void successiveCallsAreServedByEveryReplica() throws Exception {
		Set<String> servedBy = new HashSet<>();
		for (int i = 0; i < 10 * SampleApplication.INVENTORY_REPLICAS; i++) {
			HttpResponse<String> response = get("/products/42");
			assertThat(response.statusCode()).isEqualTo(200);
			servedBy.add(json.readTree(response.body()).get("servedBy").asText());
		}
		List<String> replicas = sample.inventoryReplicas()
			.stream()
			.map((replica) -> "inventory-" + SampleApplication.portOf(replica))
			.toList();
		assertThat(servedBy).containsExactlyInAnyOrderElementsOf(replicas);
	}

	@Test
	void productThatInventoryDoesNotKnowIsNotFound() throws Exception {
		assertThat(get("/products/42").statusCode()).isEqualTo(200);
		assertThat(get("/products/abc").statusCode()).isEqualTo(404);
	}

	@Test
	void inventoryDownIsServiceUnavailableNamingTheService() throws Exception {
		// A second reactive storefront whose only inventory instance refuses connections.
		String deadInstance = "http://127.0.0.1:" + closedPort();
		try (var storefront = SampleApplication.runStorefront(List.of(deadInstance), "--server.port=0",
				"--spring.profiles.active=reactive")) {
			HttpResponse<String> response = http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + SampleApplication.portOf(storefront) + "/products/42"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(503);
			JsonNode problem = json.readTree(response.body());
			assertThat(problem.get("service").asText()).isEqualTo("inventory");
			// The only instance refused three times: the GET was retried after backoffs.
			assertThat(problem.get("attempts").asInt()).isEqualTo(3);
			assertThat(response.body()).doesNotContain(deadInstance);
		}
	}

	/** A port that was free a moment ago: opened, then closed. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		URI uri = URI.create("http://127.0.0.1:" + sample.storefrontPort() + path);
		return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

}
