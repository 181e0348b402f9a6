package io.datapunk.mesh.autoconfigure.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datapunk.mesh.autoconfigure.actuate.app.StorefrontApplication;
import io.datapunk.mesh.autoconfigure.actuate.app.TestUserFilter;
import io.datapunk.mesh.test.NoExternalServices;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The storefront test application running on a free port, and a small HTTP client for its
 * Actuator endpoints.
 */
public final class RunningStorefront implements AutoCloseable {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final ObjectMapper json = new ObjectMapper();

	private final ConfigurableApplicationContext context;

	private final int port;

	private RunningStorefront(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * Start the storefront without Redis and Consul, whose libraries are on the test
	 * class path.
	 */
	public static RunningStorefront start(String... properties) {
		List<String> all = new ArrayList<>(List.of(NoExternalServices.NO_REDIS, NoExternalServices.NO_CONSUL));
		all.addAll(List.of(properties));
		return startWithExternalServices(all.toArray(String[]::new));
	}

	/**
	 * Start the storefront, leaving Redis and Consul to the given properties.
	 */
	static RunningStorefront startWithExternalServices(String... properties) {
		List<String> all = new ArrayList<>(
				List.of("server.port=0", "server.address=127.0.0.1", "spring.application.name=storefront",
						"management.endpoints.web.exposure.include=*", "management.endpoint.health.show-details=always",
						"management.endpoint.health.probes.enabled=true", "spring.config.name=storefront-test"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StorefrontApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(all.toArray(String[]::new))
			.run();
		return new RunningStorefront(context);
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	HttpResponse<String> post(String path, String body) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	HttpResponse<String> post(String path, String body, String user) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.header(TestUserFilter.HEADER, user)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	public JsonNode getJson(String path) {
		HttpResponse<String> response = get(path);
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return parse(response);
	}

	public static JsonNode parse(HttpResponse<String> response) {
		try {
			return json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
