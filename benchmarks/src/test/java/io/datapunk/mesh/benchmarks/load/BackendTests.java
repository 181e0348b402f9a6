package io.datapunk.mesh.benchmarks.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Backend}.
 *
 * @author datapunk mesh team
 */
class BackendTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Backend backend;

	BackendTests() throws IOException {
		this.backend = new Backend("backend-1", 4);
	}

	@AfterEach
	void stop() {
		this.backend.close();
	}

	@Test
	void getShouldAnswerTheItemAndCountTheRequest() throws Exception {
		HttpResponse<String> response = get("/items/42");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body()).contains("\"id\":\"42\"").contains("\"servedBy\":\"backend-1\"");
		assertThat(this.backend.requests()).isOne();
	}

	@Test
	void getWhenErrorRateIsOneShouldAnswer503() throws Exception {
		this.backend.setErrorRate(1);
		assertThat(get("/items/1").statusCode()).isEqualTo(503);
		assertThat(this.backend.errors()).isOne();
	}

	@Test
	void getWhenDelayedShouldAnswerLater() throws Exception {
		this.backend.setDelayMillis(60);
		long start = System.nanoTime();
		get("/items/1");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
	}

	@Test
	void stopShouldCloseThePortAndRestartShouldReopenIt() throws Exception {
		String url = this.backend.url();
		this.backend.stop();
		assertThat(this.backend.isRunning()).isFalse();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> get("/items/1"));
		this.backend.restart();
		assertThat(this.backend.url()).isEqualTo(url);
		assertThat(get("/items/1").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.backend.url() + path)).build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
