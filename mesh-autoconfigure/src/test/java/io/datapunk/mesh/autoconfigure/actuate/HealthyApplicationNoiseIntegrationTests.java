package io.datapunk.mesh.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.datapunk.mesh.test.TestHttpServers;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A healthy application with the starter, started as a user starts it: its log holds no
 * warning the user cannot act on, and its health no {@code UNKNOWN} component the mesh
 * brought (Spring Cloud's discovery health waits for a registration that, without a
 * service registry, never comes).
 */
@ExtendWith(OutputCaptureExtension.class)
class HealthyApplicationNoiseIntegrationTests {

	/** The logger of Spring Cloud LoadBalancer's "default cache" warning. */
	private static final String CACHE_WARNING_LOGGER = "org.springframework.cloud.loadbalancer.config."
			+ "LoadBalancerCacheAutoConfiguration$LoadBalancerCaffeineWarnLogger";

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	@Test
	void healthShouldHaveNoUnknownComponent() {
		try (RunningStorefront app = RunningStorefront.start("mesh.services.inventory.instances=" + servers.uris())) {
			JsonNode health = app.getJson("/actuator/health");
			// The health tree is there, with the mesh's and Spring Cloud's discovery
			// parts.
			assertThat(health.path("components").has("mesh")).isTrue();
			assertThat(health.path("components").has("discoveryComposite")).isTrue();
			assertThat(statuses(health, "health")).as("status of every component")
				.noneMatch((status) -> status.endsWith("=UNKNOWN"));
		}
	}

	@Test
	void springCloudLoadBalancerCacheWarningShouldNotReachTheLog(CapturedOutput output) {
		try (RunningStorefront app = RunningStorefront.start("mesh.services.inventory.instances=" + servers.uris())) {
			LogFactory.getLog("io.datapunk.mesh.test.Control").warn("control warning");
			LogFactory.getLog(CACHE_WARNING_LOGGER)
				.warn("Spring Cloud LoadBalancer is currently working with the default cache.");
			// The log is captured and shows a WARN...
			assertThat(output).contains("WARN").contains("control warning");
			// ...but not Spring Cloud LoadBalancer's, which a mesh user cannot act on.
			assertThat(output).doesNotContain("Spring Cloud LoadBalancer is currently working with the default cache");
		}
	}

	private static List<String> statuses(JsonNode node, String path) {
		List<String> statuses = new ArrayList<>();
		if (node.has("status")) {
			statuses.add(path + "=" + node.path("status").asText());
		}
		for (Map.Entry<String, JsonNode> component : node.path("components").properties()) {
			statuses.addAll(statuses(component.getValue(), path + "." + component.getKey()));
		}
		return statuses;
	}

}
