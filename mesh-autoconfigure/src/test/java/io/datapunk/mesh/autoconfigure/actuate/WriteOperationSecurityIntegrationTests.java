package io.datapunk.mesh.autoconfigure.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.datapunk.mesh.autoconfigure.actuate.secured.SecuredStorefrontApplication;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.test.FreePorts;
import io.datapunk.mesh.test.NoExternalServices;
import io.datapunk.mesh.test.SpringSecurityOnlyWhenAsked;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write operation of the mesh endpoint behind real Spring Security, configured as the
 * README says: HTTP basic, the role {@code MESH_ADMIN} (Spring Security's
 * {@code ROLE_MESH_ADMIN}), anonymous and role-less callers refused, and a POST that
 * works without a CSRF token while a cross-site form post still moves nothing.
 */
class WriteOperationSecurityIntegrationTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final String FORCED_OPEN = "{\"circuitBreaker\":\"FORCED_OPEN\"}";

	@Test
	void readmeSecurityShouldLetOnlyTheMeshAdminMoveTheBreaker() throws Exception {
		try (ConfigurableApplicationContext app = start("test.chain=readme")) {
			CircuitBreaker breaker = breakerOf(app);
			// Positive control: the admin moves the breaker, and back.
			assertThat(post(app, FORCED_OPEN, "admin").statusCode()).isEqualTo(200);
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
			assertThat(post(app, "{\"circuitBreaker\":\"CLOSED\"}", "admin").statusCode()).isEqualTo(200);
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

			assertThat(post(app, FORCED_OPEN, null).statusCode()).as("anonymous").isEqualTo(401);
			assertThat(post(app, FORCED_OPEN, "viewer").statusCode()).as("without the role").isEqualTo(403);
			assertThat(post(app, FORCED_OPEN, "legacy").statusCode())
				.as("with the authority MESH_ADMIN, which is not the role (ROLE_MESH_ADMIN)")
				.isEqualTo(403);
			// What a cross-site form can send with the browser's remembered credentials.
			HttpResponse<String> form = send(app, "application/x-www-form-urlencoded", "circuitBreaker=FORCED_OPEN",
					"admin");
			assertThat(form.statusCode()).as("form post").isEqualTo(415);
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
			// Reading needs an authenticated caller; health is open.
			assertThat(get(app, "/actuator/mesh", "viewer").statusCode()).isEqualTo(200);
			assertThat(get(app, "/actuator/mesh", null).statusCode()).isEqualTo(401);
			assertThat(get(app, "/actuator/health", null).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void endpointShouldRefuseWritesItselfWhenTheSecurityChainLetsThemThrough() throws Exception {
		try (ConfigurableApplicationContext app = start("test.chain=forgot-the-path")) {
			CircuitBreaker breaker = breakerOf(app);
			assertThat(post(app, FORCED_OPEN, "admin").statusCode()).isEqualTo(200);
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.FORCED_OPEN);
			assertThat(post(app, "{\"circuitBreaker\":\"CLOSED\"}", "admin").statusCode()).isEqualTo(200);

			// Spring Security's anonymous caller is no principal to the endpoint.
			assertThat(post(app, FORCED_OPEN, null).statusCode()).as("anonymous").isEqualTo(401);
			assertThat(post(app, FORCED_OPEN, "viewer").statusCode()).as("without the role").isEqualTo(403);
			assertThat(post(app, FORCED_OPEN, "legacy").statusCode()).as("authority without ROLE_").isEqualTo(403);
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.application.name=storefront", "spring.config.name=secured-storefront-test",
				"management.endpoints.web.exposure.include=health,mesh", "mesh.actuator.write-operations.enabled=true",
				"mesh.services.inventory.instances=http://127.0.0.1:" + FreePorts.closedPort(),
				SpringSecurityOnlyWhenAsked.PROPERTY + "=true", NoExternalServices.NO_REDIS,
				NoExternalServices.NO_CONSUL));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(SecuredStorefrontApplication.class).web(WebApplicationType.SERVLET)
			.properties(all.toArray(String[]::new))
			.run();
	}

	private static CircuitBreaker breakerOf(ConfigurableApplicationContext app) {
		return app.getBean(ResilienceRegistry.class).find("inventory").circuitBreaker();
	}

	private static HttpResponse<String> post(ConfigurableApplicationContext app, String json, String user)
			throws IOException, InterruptedException {
		return send(app, "application/json", json, user);
	}

	private static HttpResponse<String> send(ConfigurableApplicationContext app, String contentType, String body,
			String user) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(app, "/actuator/mesh/inventory"))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return http.send(authenticated(request, user).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext app, String path, String user)
			throws IOException, InterruptedException {
		return http.send(authenticated(HttpRequest.newBuilder(uri(app, path)).GET(), user).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder authenticated(HttpRequest.Builder request, String user) {
		if (user != null) {
			String credentials = user + ":" + SecuredStorefrontApplication.PASSWORD;
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return request;
	}

	private static URI uri(ConfigurableApplicationContext app, String path) {
		return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + path);
	}

}
