package io.datapunk.mesh.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datapunk.mesh.test.consul.TestConsul;
import io.datapunk.mesh.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample in profile {@code consul}, against the library's Consul API test server and
 * a real Redis started by the test: the replicas register themselves, the storefront
 * finds them in Consul and shares its cache in Redis.
 */
class ConsulProfileTests {

	@RegisterExtension
	static final TestConsul consul = TestConsul.agent();

	@RegisterExtension
	static final TestRedisServer redis = TestRedisServer.create();

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final ObjectMapper json = new ObjectMapper();

	@Test
	void replicasRegisterInConsulAndTheStorefrontFindsThemThere() {
		try (RunningSample sample = SampleApplication.runAll("--server.port=0", "--spring.profiles.active=consul",
				"--spring.cloud.consul.host=" + consul.host(), "--spring.cloud.consul.port=" + consul.port(),
				"--spring.data.redis.host=" + redis.host(), "--spring.data.redis.port=" + redis.port(),
				"--sample.showcase.enabled=false")) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(consul.client().instancesOf("inventory")).hasSize(3);
				assertThat(consul.client().instancesOf("storefront")).hasSize(1);
			});
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
				HttpResponse<String> product = get(sample, "/products/42");
				assertThat(product.statusCode()).isEqualTo(200);
				JsonNode status = json.readTree(get(sample, "/actuator/mesh").body()).path("discovery").path("status");
				assertThat(status.path("consul").path("watches").path("inventory").path("instances").asInt())
					.isEqualTo(3);
				assertThat(status.path("consul").path("registration").path("state").asText()).isEqualTo("REGISTERED");
				assertThat(status.path("cache").path("redisState").asText()).isEqualTo("available");
			});
			// The list reaches Redis when a source answers a lookup, from the thread
			// that made it; Redis may have been connecting still at the first one, so
			// calls go on (a list in use is refreshed every near-ttl) while this polls.
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				assertThat(get(sample, "/products/42").statusCode()).isEqualTo(200);
				assertThat(redis.commands().keys("mesh:instances:*")).contains("mesh:instances:inventory");
			});
		}
	}

	private static HttpResponse<String> get(RunningSample sample, String path)
			throws IOException, InterruptedException {
		URI uri = URI.create("http://127.0.0.1:" + sample.storefrontPort() + path);
		return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

}
