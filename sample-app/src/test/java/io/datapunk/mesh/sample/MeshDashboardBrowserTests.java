package io.datapunk.mesh.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's live page in a real browser (Debian's {@code chromium}, headless): it
 * loads, shows the three inventory replicas, and shows the flaky one ejected within
 * seconds of the showcase's faults.
 */
class MeshDashboardBrowserTests {

	private static final Pattern INSTANCE_ROW = Pattern
		.compile("<tr class=\"instance\" data-address=\"([^\"]*)\" data-state=\"([^\"]*)\"");

	@Test
	void pageShowsTheThreeReplicasAndTheFlakyOneEjected() throws Exception {
		assumeThat(HeadlessChromium.isInstalled())
			.as("chromium is not installed (Debian package chromium); .ci/run installs it where it can")
			.isTrue();
		try (RunningSample sample = SampleApplication.runAll("--server.port=0")) {
			String page = "http://127.0.0.1:" + sample.storefrontPort() + "/actuator/meshdashboard";
			List<String> replicas = sample.inventoryUrls();
			String flaky = replicas.get(1);
			// The page loads and lists the replicas, read from /actuator/mesh by its
			// script.
			await().atMost(120, TimeUnit.SECONDS)
				.pollInterval(1, TimeUnit.SECONDS)
				.untilAsserted(() -> assertThat(instances(HeadlessChromium.dumpDom(page)).keySet())
					.containsExactlyInAnyOrderElementsOf(replicas));
			// The flaky replica answers 503 to half its requests: ejected within seconds.
			await().atMost(120, TimeUnit.SECONDS).pollInterval(1, TimeUnit.SECONDS).untilAsserted(() -> {
				String dom = HeadlessChromium.dumpDom(page);
				assertThat(instances(dom)).containsEntry(flaky, "EJECTED").hasSize(3);
				assertThat(dom).contains("class=\"breaker\"").contains("class=\"budget\"");
			});
			Path screenshot = Path.of("target", "mesh-dashboard.png");
			HeadlessChromium.screenshot(page, screenshot);
			assertThat(Files.size(screenshot)).isPositive();
		}
	}

	private static Map<String, String> instances(String dom) {
		Map<String, String> states = new LinkedHashMap<>();
		Matcher matcher = INSTANCE_ROW.matcher(dom);
		while (matcher.find()) {
			states.put(matcher.group(1), matcher.group(2));
		}
		return states;
	}

}
