package io.datapunk.mesh.internal.discovery.consul;

import java.time.Duration;
import java.util.Map;

import io.datapunk.mesh.test.consul.ConsulTestServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ConsulApi} against the Consul test server.
 */
class ConsulApiTests {

	private static final String TOKEN = "api-test-token-6d2f";

	private final ConsulTestServer server = ConsulTestServer.withToken(TOKEN);

	private final CircuitBreaker breaker = CircuitBreaker.of("consul",
			CircuitBreakerConfig.custom()
				.slidingWindowSize(2)
				.minimumNumberOfCalls(2)
				.failureRateThreshold(100)
				.waitDurationInOpenState(Duration.ofMinutes(1))
				.recordException((ex) -> !(ex instanceof ConsulCallException call) || call.isUnavailable())
				.build());

	private final ConsulApi api = new ConsulApi(this.server.uri().resolve("/"), TOKEN, this.breaker);

	@AfterEach
	void close() {
		this.server.close();
	}

	@Test
	void registersReadsAndDeregistersAnInstance() {
		this.api.register("{\"ID\":\"inventory-1\",\"Name\":\"inventory\",\"Address\":\"10.0.0.7\",\"Port\":8443,"
				+ "\"Tags\":[\"secure=true\"],\"Meta\":{\"zone\":\"a\"},\"Check\":{\"TTL\":\"10s\"}}");
		assertThat(this.api.isRegistered("inventory-1")).isTrue();
		assertThat(this.api.passingInstances("inventory", 0, Duration.ofSeconds(1)).instances()).isEmpty();
		this.api.passTtlCheck("service:inventory-1");
		ConsulApi.HealthAnswer answer = this.api.passingInstances("inventory", 0, Duration.ofSeconds(1));
		assertThat(answer.index()).isPositive();
		ServiceInstance instance = answer.instances().get(0);
		assertThat(instance.getUri().toString()).isEqualTo("https://10.0.0.7:8443");
		assertThat(instance.getMetadata()).isEqualTo(Map.of("zone", "a"));
		this.api.deregister("inventory-1");
		assertThat(this.api.isRegistered("inventory-1")).isFalse();
	}

	@Test
	void refusalIsReportedWithConsulsAnswerAndWithoutTheToken() {
		ConsulApi wrong = new ConsulApi(this.server.uri().resolve("/"), "wrong-" + TOKEN, this.breaker);
		assertThatExceptionOfType(ConsulCallException.class).isThrownBy(() -> wrong.deregister("x"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(403))
			.withMessageContaining("answered 403 to PUT /v1/agent/service/deregister/x: ACL not found")
			.withMessageNotContaining(TOKEN);
		assertThat(wrong.toString()).doesNotContain(TOKEN).contains("token set");
		// A refusal says nothing about Consul being down: the breaker stays closed.
		assertThatExceptionOfType(ConsulCallException.class).isThrownBy(() -> wrong.deregister("x"));
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void consulDownOpensTheBreakerAndLaterCallsAreNotSent() {
		this.server.stop();
		assertThatExceptionOfType(ConsulCallException.class).isThrownBy(() -> this.api.isRegistered("x"))
			.withMessageContaining("did not answer GET /v1/agent/service/x");
		assertThatExceptionOfType(ConsulCallException.class).isThrownBy(() -> this.api.isRegistered("x"));
		assertThat(this.breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		this.server.restart();
		int before = this.server.requestLines().size();
		assertThatExceptionOfType(ConsulCallException.class).isThrownBy(() -> this.api.isRegistered("x"))
			.withMessageContaining("circuit breaker is open");
		assertThat(this.server.requestLines()).hasSize(before);
	}

}
