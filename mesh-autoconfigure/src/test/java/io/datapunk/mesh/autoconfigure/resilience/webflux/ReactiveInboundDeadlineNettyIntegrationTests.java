package io.datapunk.mesh.autoconfigure.resilience.webflux;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.datapunk.mesh.internal.resilience.Deadline;
import io.datapunk.mesh.internal.resilience.InboundDeadlineWebFilter;
import io.datapunk.mesh.test.NoExternalServices;
import io.datapunk.mesh.test.TestHttpServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.blockhound.BlockHound;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.server.reactive.HttpHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application on Reactor Netty whose controller calls a slow service through a
 * reactive {@code @MeshClient}: the {@code Mesh-Timeout} its caller sends travels on,
 * shortened, and ends the call. BlockHound watches the server's threads. Only the build's
 * {@code webclient-netty} execution runs it, in a JVM of its own.
 */
@EnabledIfSystemProperty(named = "mesh.test.webclient-jvm", matches = "reactor-netty",
		disabledReason = "runs in the webclient-netty execution only")
class ReactiveInboundDeadlineNettyIntegrationTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@RegisterExtension
	static final TestHttpServers servers = TestHttpServers.named("stock");

	private static ConfigurableApplicationContext application;

	@BeforeAll
	static void start() {
		BlockHound.install();
		application = new SpringApplicationBuilder(StockApplication.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=stock-front",
					NoExternalServices.NO_REDIS, NoExternalServices.NO_CONSUL,
					"mesh.services.stock.instances=" + servers.uris(), "mesh.services.stock.timeout=20s")
			.run();
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
	}

	@Test
	void applicationShouldBeAReactiveOneWithTheWebFilter() {
		assertThat(application.getClass().getSimpleName()).contains("ReactiveWebServerApplicationContext");
		assertThat(application.getBeansOfType(HttpHandler.class)).isNotEmpty();
		assertThat(application.getBeansOfType(InboundDeadlineWebFilter.class)).hasSize(1);
	}

	@Test
	void inboundDeadlineShouldTravelOnAndEndTheCall() {
		// Positive control: a deadline longer than the call; it travels on, not longer.
		HttpResponse<String> answered = get("/stock/1", "15000");
		assertThat(answered.statusCode()).isEqualTo(200);
		assertThat(answered.body()).contains("\"server\":\"stock\"");
		assertThat(sentDeadline(0)).isPositive().isLessThanOrEqualTo(15000);
		// A service slower than the caller waits: the call ends at the caller's deadline,
		// well before the service's own 20 s.
		servers.get(0).delay(Duration.ofSeconds(5));
		HttpResponse<String> ended = get("/stock/2", "300");
		assertThat(ended.statusCode()).isEqualTo(504);
		assertThat(ended.body()).isEqualTo("DeadlineExceededException");
		assertThat(sentDeadline(1)).isPositive().isLessThanOrEqualTo(300);
	}

	@Test
	void malformedOrOversizedHeaderShouldChangeNothing() {
		// Positive control: a well-formed header is taken.
		assertThat(get("/stock/1", "15000").statusCode()).isEqualTo(200);
		assertThat(sentDeadline(0)).isLessThanOrEqualTo(15000);
		// Neither of these is: the service's own 20 s is sent on.
		for (String header : new String[] { "12ms", "-5", "99999999999" }) {
			assertThat(get("/stock/1", header).statusCode()).as(header).isEqualTo(200);
		}
		for (int i = 1; i <= 3; i++) {
			assertThat(sentDeadline(i)).isGreaterThan(15000).isLessThanOrEqualTo(20000);
		}
	}

	private static long sentDeadline(int request) {
		return Long.parseLong(servers.get(0).received().get(request).header(Deadline.HEADER));
	}

	private static HttpResponse<String> get(String path, String meshTimeout) {
		String port = application.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header(Deadline.HEADER, meshTimeout)
			.timeout(Duration.ofSeconds(30))
			.build();
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

}
