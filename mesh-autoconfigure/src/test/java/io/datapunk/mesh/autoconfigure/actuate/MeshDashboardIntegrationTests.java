package io.datapunk.mesh.autoconfigure.actuate;

import java.net.http.HttpResponse;

import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import io.datapunk.mesh.autoconfigure.actuate.RunningStorefront;

/**
 * The live page of a running application: off by default, served under the actuator base
 * path when switched on, one self-contained HTML file that reads the {@code mesh}
 * endpoint beside it.
 */
class MeshDashboardIntegrationTests {

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("one");

	@Test
	void dashboardShouldBeAbsentByDefault() {
		try (RunningStorefront app = RunningStorefront.start("mesh.services.inventory.instances=" + servers.uris())) {
			// The control: the endpoint beside it answers.
			assertThat(app.get("/actuator/mesh").statusCode()).isEqualTo(200);
			assertThat(app.get("/actuator/meshdashboard").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void dashboardShouldBeServedUnderTheActuatorBasePathWithoutExternalAssets() {
		try (RunningStorefront app = RunningStorefront.start("mesh.services.inventory.instances=" + servers.uris(),
				"mesh.dashboard.enabled=true", "management.endpoints.web.base-path=/manage")) {
			assertThat(app.get("/actuator/meshdashboard").statusCode()).isEqualTo(404);
			HttpResponse<String> page = app.get("/manage/meshdashboard");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/html").containsIgnoringCase("charset=UTF-8"));
			// It reads the mesh endpoint beside it, relative to its own address...
			assertThat(page.body()).contains("getJson(\"mesh\")").contains("\"mesh/\" + encodeURIComponent(name)");
			assertThat(app.get("/manage/mesh").statusCode()).isEqualTo(200);
			// ...and nothing from elsewhere: it works offline.
			assertThat(page.body()).doesNotContain("http://", "https://", "//cdn", "@import", "url(");
			// Endpoint data is shown as text, never parsed as markup.
			assertThat(page.body()).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(");
		}
	}

}
