package io.datapunk.mesh.autoconfigure.actuate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.datapunk.mesh.autoconfigure.actuate.app.StorefrontApplication.InventoryClient;
import io.datapunk.mesh.internal.cache.CachingMeshDiscovery;
import io.datapunk.mesh.internal.cache.TierStatistics;
import io.datapunk.mesh.test.TestHttpServers;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.autoconfigure.actuate.RunningStorefront;

/**
 * {@code /actuator/prometheus} of a running application that called a service with one
 * failing instance: the text parses as the Prometheus text format (with Hawkular's
 * parser, written to that format's specification), and the mesh's meters are there with
 * the expected tags and values.
 */
class MeshMetricsIntegrationTests {

	private static final Pattern LE = Pattern.compile("le=\"([^\"]*)\",?");

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one", "two", "three");

	@Test
	void prometheusShouldParseAndHoldTheMeshMeters() throws IOException {
		servers.get(0).respondWith(503);
		try (RunningStorefront app = RunningStorefront.start(
				"mesh.services.inventory.instances=" + servers.get(0).uri() + "," + servers.get(1).uri() + ","
						+ servers.get(2).uri(),
				"mesh.services.inventory.load-balancer=round-robin", "mesh.services.inventory.retry.base-backoff=1ms",
				"mesh.services.inventory.outlier-detection.consecutive-failures=3")) {
			InventoryClient inventory = app.bean(InventoryClient.class);
			for (int i = 0; i < 20; i++) {
				inventory.item(Integer.toString(i));
			}
			// Health checks and scrapes read what calls see, without looking anything up.
			CachingMeshDiscovery cache = app.bean(CachingMeshDiscovery.class);
			long lookups = lookups(cache);
			for (int i = 0; i < 5; i++) {
				assertThat(app.get("/actuator/health").statusCode()).isEqualTo(200);
			}
			var response = app.get("/actuator/prometheus");
			assertThat(lookups(cache)).isEqualTo(lookups);
			assertThat(response.statusCode()).isEqualTo(200);
			Map<String, MetricFamily> families = parse(response.body());

			Histogram calls = (Histogram) only(families.get("mesh_client_requests_seconds"),
					Map.of("service", "inventory", "method", "GET", "outcome", "SUCCESS", "status", "200"));
			assertThat(calls.getSampleCount()).isEqualTo(20);
			// No URI: a path holds identifiers, a series per item would follow.
			families.get("mesh_client_requests_seconds")
				.getMetrics()
				.forEach((metric) -> assertThat(metric.getLabels()).doesNotContainKeys("uri", "http_url"));

			// Three attempts answered 503 before the first instance was ejected.
			Histogram failedAttempts = (Histogram) only(families.get("mesh_client_attempts_seconds"),
					Map.of("service", "inventory", "outcome", "SERVER_ERROR", "status", "503"));
			assertThat(failedAttempts.getSampleCount()).isEqualTo(3);
			Counter retries = (Counter) only(families.get("mesh_client_retries_total"),
					Map.of("service", "inventory", "reason", "status-503"));
			assertThat(retries.getValue()).isEqualTo(3);
			Counter exhausted = (Counter) only(families.get("mesh_client_retry_budget_exhausted_total"),
					Map.of("service", "inventory"));
			assertThat(exhausted.getValue()).isZero();
			Gauge available = (Gauge) only(families.get("mesh_instances"),
					Map.of("service", "inventory", "state", "available"));
			Gauge ejected = (Gauge) only(families.get("mesh_instances"),
					Map.of("service", "inventory", "state", "ejected"));
			assertThat(available.getValue()).isEqualTo(2);
			assertThat(ejected.getValue()).isEqualTo(1);
			// Resilience4j's own meters show the mesh's breakers.
			assertThat(families.get("resilience4j_circuitbreaker_state").getMetrics())
				.anySatisfy((metric) -> assertThat(metric.getLabels()).containsEntry("name", "inventory"));
		}
	}

	@Test
	void prometheusShouldPublishTheDocumentedBucketsUnlessTheUserSetOthers() {
		try (RunningStorefront app = RunningStorefront.start(
				"mesh.services.inventory.instances=" + servers.get(0).uri(),
				"management.metrics.distribution.slo.mesh.client.requests=100ms,1s")) {
			app.bean(InventoryClient.class).item("1");
			String scrape = app.get("/actuator/prometheus").body();
			// The control: attempts have the mesh's buckets...
			assertThat(bucketBounds(scrape, "mesh_client_attempts_seconds")).containsExactly("0.005", "0.01", "0.025",
					"0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf");
			// ...and the user's key replaced them for calls.
			assertThat(bucketBounds(scrape, "mesh_client_requests_seconds")).containsExactly("0.1", "1.0", "+Inf");
			assertThat(scrape).contains("# HELP mesh_client_requests_seconds Calls through the mesh")
				.contains("# HELP mesh_client_requests_active_seconds Calls through the mesh in progress")
				.contains("# HELP mesh_client_attempts_seconds Attempts of calls through the mesh")
				.contains("# HELP mesh_client_attempts_active_seconds Attempts of calls through the mesh in progress");
			// The mesh's buckets are for timers: its long-task timers get none. (The
			// user's key above is a name prefix, so on Boot 4, whose Prometheus registry
			// gives long-task timers the buckets they are configured with, it reaches
			// mesh.client.requests.active too: the attempts' one is checked here.)
			assertThat(scrape).doesNotContain("mesh_client_attempts_active_seconds_bucket")
				.contains("# TYPE mesh_client_attempts_active_seconds summary");
		}
	}

	/**
	 * Return the series of a bucket's line: its labels but "le", without the value.
	 */
	private static String seriesOf(String line) {
		return LE.matcher(line.substring(0, line.lastIndexOf('}'))).replaceAll("");
	}

	private static List<String> bucketBounds(String scrape, String timer) {
		List<String> lines = scrape.lines().filter((line) -> line.startsWith(timer + "_bucket{")).toList();
		assertThat(lines).as(timer).isNotEmpty();
		// The buckets of one series: the lines that differ only in "le".
		String first = seriesOf(lines.get(0));
		return lines.stream()
			.filter((line) -> seriesOf(line).equals(first))
			.map((line) -> LE.matcher(line).results().findFirst().orElseThrow().group(1))
			.toList();
	}

	private static long lookups(CachingMeshDiscovery cache) {
		TierStatistics near = cache.statistics().near();
		return near.hits() + near.misses() + near.staleServes();
	}

	private static Map<String, MetricFamily> parse(String text) throws IOException {
		TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(
				new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
		Map<String, MetricFamily> families = new LinkedHashMap<>();
		MetricFamily family;
		while ((family = parser.parse()) != null) {
			assertThat(families.put(family.getName(), family)).as("family %s written twice", family.getName()).isNull();
		}
		return families;
	}

	private static Metric only(MetricFamily family, Map<String, String> labels) {
		assertThat(family).as("metric family").isNotNull();
		List<Metric> matching = family.getMetrics()
			.stream()
			.filter((metric) -> metric.getLabels().entrySet().containsAll(labels.entrySet()))
			.toList();
		assertThat(matching).as("%s with %s", family.getName(), labels).hasSize(1);
		return matching.get(0);
	}

}
