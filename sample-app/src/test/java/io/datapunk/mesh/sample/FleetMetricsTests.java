package io.datapunk.mesh.sample;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * What a fleet's Prometheus scrapes from the sample as the README starts it (the
 * showcase's flaky and slow replicas, and a replica killed once the others answered):
 * latency histograms a fleet can aggregate, help text for every mesh series, a clean
 * {@code promtool check metrics}, and the Grafana dashboard's every metric present.
 */
class FleetMetricsTests {

	/**
	 * The buckets the mesh publishes by default, in seconds, as Prometheus writes them.
	 */
	private static final List<String> BUCKETS = List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0",
			"2.5", "5.0", "10.0", "+Inf");

	private static final Pattern LE = Pattern.compile("le=\"([^\"]*)\",?");

	private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "mesh-dashboard.json");

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final ObjectMapper json = new ObjectMapper();

	private static RunningSample sample;

	private static String scrape;

	@BeforeAll
	static void startSampleAndKillAReplica() throws Exception {
		sample = SampleApplication.runAll("--server.port=0");
		// The flaky replica's 503s are retried elsewhere...
		await().atMost(60, TimeUnit.SECONDS)
			.until(() -> get("/actuator/prometheus").contains("mesh_client_retries_total{reason=\"status-503\""));
		// ...and a killed replica's refused connections are requeued, so that every
		// series the dashboard shows exists.
		sample.inventoryReplicas().get(0).close();
		await().atMost(60, TimeUnit.SECONDS)
			.until(() -> get("/actuator/prometheus").contains("mesh_client_requeues_total{"));
		scrape = get("/actuator/prometheus");
		// For a person who reads what the tests saw.
		Files.writeString(Path.of("target", "fleet-scrape.prom"), scrape);
	}

	@AfterAll
	static void closeSample() {
		if (sample != null) {
			sample.close();
		}
	}

	@Test
	void callAndAttemptLatencyArePublishedAsHistogramsWithTheDocumentedBuckets() {
		for (String timer : List.of("mesh_client_requests_seconds", "mesh_client_attempts_seconds")) {
			assertThat(scrape).as("TYPE of %s", timer).contains("# TYPE " + timer + " histogram\n");
			List<String> buckets = lines(timer + "_bucket{");
			assertThat(buckets).as(timer).isNotEmpty();
			// Every series has the documented buckets, and only bounded labels: no URI,
			// no instance address.
			for (String series : buckets) {
				assertThat(labelNames(series)).as(series)
					.isSubsetOf("service", "method", "status", "outcome", "exception", "error", "le");
			}
			// The buckets of one series: the lines that differ only in "le".
			String oneSeries = seriesOf(buckets.get(0));
			List<String> les = buckets.stream()
				.filter((line) -> seriesOf(line).equals(oneSeries))
				.map((line) -> LE.matcher(line).results().findFirst().orElseThrow().group(1))
				.toList();
			assertThat(les).as("buckets of %s", oneSeries).containsExactlyElementsOf(BUCKETS);
		}
		assertThat(lines("mesh_client_requests_seconds_bucket{"))
			.anySatisfy((line) -> assertThat(line).contains("service=\"inventory\"").contains("outcome=\"SUCCESS\""));
	}

	@Test
	void everyMeshSeriesHasHelpText() {
		Set<String> families = new TreeSet<>();
		for (String line : scrape.split("\n")) {
			if (line.startsWith("# TYPE mesh_")) {
				families.add(line.split(" ")[2]);
			}
		}
		// Calls, attempts and their long-task timers, retries, requeues, budget,
		// instances, cache: the control that the scrape holds what it should.
		assertThat(families).contains("mesh_client_requests_seconds", "mesh_client_requests_active_seconds",
				"mesh_client_attempts_seconds", "mesh_client_attempts_active_seconds", "mesh_client_retries_total",
				"mesh_client_requeues_total", "mesh_instances", "mesh_cache_gets_total");
		for (String family : families) {
			String help = lines("# HELP " + family + " ").stream().findFirst().orElse("");
			assertThat(help.substring(Math.min(help.length(), ("# HELP " + family + " ").length())).trim())
				.as("help text of %s", family)
				.isNotEmpty();
		}
	}

	@Test
	void promtoolReportsNothingForMeshSeries() throws Exception {
		assumeThat(new File("/usr/bin/promtool"))
			.as("promtool is not installed (Debian package prometheus); .ci/run installs it where it can")
			.exists();
		// The control: promtool reports a counter without help text and _total.
		assertThat(promtool("# TYPE mesh_control counter\nmesh_control 1\n")).contains("mesh_control");
		String report = promtool(scrape);
		List<String> meshProblems = report.lines().filter((line) -> line.startsWith("mesh_")).toList();
		assertThat(meshProblems).as("promtool check metrics:\n%s", report).isEmpty();
	}

	@Test
	void everyMetricOfTheGrafanaDashboardIsInTheScrape() throws IOException {
		JsonNode dashboard = json.readTree(DASHBOARD.toFile());
		assertThat(dashboard.path("title").asText()).isNotEmpty();
		List<String> expressions = new ArrayList<>();
		dashboard.path("panels").forEach((panel) -> panel.path("targets").forEach((target) -> {
			assertThat(target.path("expr").asText()).as("query of panel %s", panel.path("title")).isNotEmpty();
			expressions.add(target.path("expr").asText());
		}));
		assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
		for (String expression : expressions) {
			Set<String> metrics = GrafanaQueries.metricNames(expression);
			assertThat(metrics).as("metrics of %s", expression).isNotEmpty();
			for (String metric : metrics) {
				assertThat(lines(metric + "{")).as("series %s of the query %s in the scrape", metric, expression)
					.isNotEmpty();
			}
		}
	}

	private static String promtool(String metrics) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectErrorStream(true).start();
		process.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return output;
	}

	/**
	 * Return the series of a bucket's line: its labels but "le", without the value.
	 */
	private static String seriesOf(String line) {
		return LE.matcher(line.substring(0, line.lastIndexOf('}'))).replaceAll("");
	}

	private static List<String> lines(String prefix) {
		return scrape.lines().filter((line) -> line.startsWith(prefix)).toList();
	}

	private static Set<String> labelNames(String series) {
		Set<String> names = new TreeSet<>();
		String labels = series.substring(series.indexOf('{') + 1, series.lastIndexOf('}'));
		for (String pair : labels.split("\",")) {
			if (!pair.isBlank()) {
				names.add(pair.substring(0, pair.indexOf('=')));
			}
		}
		return names;
	}

	private static String get(String path) throws IOException, InterruptedException {
		URI uri = URI.create("http://127.0.0.1:" + sample.storefrontPort() + path);
		return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

}
