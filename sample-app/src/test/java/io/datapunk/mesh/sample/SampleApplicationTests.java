package io.datapunk.mesh.sample;

import java.io.IOException;
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
 * The whole sample started as the launcher starts it, called over real HTTP: three
 * inventory replicas and a storefront calling them through the mesh (without the
 * showcase's faults, see {@link ShowcaseTests}).
 */
class SampleApplicationTests {

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final ObjectMapper json = new ObjectMapper();

	private static RunningSample sample;

	@BeforeAll
	static void startSample() {
		// A free port for the storefront: a sample left running on 8080 must not fail
		// the build.
		sample = SampleApplication.runAll("--server.port=0", "--sample.showcase.enabled=false");
	}

	@AfterAll
	static void closeSample() {
		if (sample != null) {
			sample.close();
		}
	}

	@Test
	void productIsBuiltFromTheInventoryItem() throws Exception {
		HttpResponse<String> response = get("/products/42");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode product = json.readTree(response.body());
		assertThat(product.get("id").asText()).isEqualTo("42");
		assertThat(product.get("name").asText()).isEqualTo("Brass Ladle");
		assertThat(product.get("stock").asInt()).isEqualTo(3);
		assertThat(product.get("inStock").asBoolean()).isTrue();
		assertThat(product.get("price").decimalValue()).isEqualByComparingTo("16.99");
		assertThat(product.get("servedBy").asText()).matches("inventory-\\d+");
	}

	@Test
	void successiveCallsAreServedByEveryReplica() throws Exception {
		Set<String> servedBy = new HashSet<>();
		// p2c-ewma tries every replica it has no answer from yet, then favours the
		// fastest:
		// all three serve within a few calls.
		for (int i = 0; i < 10 * SampleApplication.INVENTORY_REPLICAS; i++) {
			HttpResponse<String> response = get("/products/42");
			assertThat(response.statusCode()).isEqualTo(200);
			servedBy.add(json.readTree(response.body()).get("servedBy").asText());
		}
		List<String> replicas = sample.inventoryReplicas()
			.stream()
			.map((replica) -> "inventory-" + SampleApplication.portOf(replica))
			.toList();
		assertThat(replicas).hasSize(3).doesNotHaveDuplicates();
		assertThat(servedBy).containsExactlyInAnyOrderElementsOf(replicas);
	}

	@Test
	void productThatInventoryDoesNotKnowIsNotFound() throws Exception {
		HttpResponse<String> response = get("/products/abc");
		assertThat(response.statusCode()).isEqualTo(404);
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		URI uri = URI.create("http://127.0.0.1:" + sample.storefrontPort() + path);
		return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

}
