package io.datapunk.mesh.internal.engine;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.datapunk.mesh.CircuitOpenException;
import io.datapunk.mesh.DeadlineExceededException;
import io.datapunk.mesh.MeshAttempt;
import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.internal.config.RetrySettings;
import io.datapunk.mesh.internal.resilience.RetryBudget;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpMethod;

import static io.datapunk.mesh.internal.engine.FakeTransport.refused;
import static io.datapunk.mesh.internal.engine.FakeTransport.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The call loop against a fake transport and a fake ticker: where attempts go, when the
 * call sends again, waits or gives up, and what the caller reads then.
 */
class MeshCallEngineTests {

	private final EngineHarness harness = new EngineHarness();

	private final List<ServiceInstance> three = EngineHarness.instances(8081, 8082, 8083);

	@Test
	void answerAfterA503ShouldComeFromAnotherInstanceAtOnce() {
		this.harness.transport.script(8081, status(503)).script(8082, status(200));
		FakeAnswer answer = this.harness.call(HttpMethod.GET, this.three);
		assertThat(answer.status().value()).isEqualTo(200);
		assertThat(answer.bodyRead).isTrue();
		assertThat(this.harness.transport.sentPorts()).containsExactly(8081, 8082);
		assertThat(this.harness.transport.answers.get(0).closed).isTrue();
		// The first retry goes to an instance not tried yet without a backoff.
		assertThat(this.harness.pauses).isEmpty();
	}

	@Test
	void postAnswered503ShouldNotBeSentAgain() {
		this.harness.transport.script(8081, status(503)).script(8082, status(200));
		assertThat(this.harness.call(HttpMethod.GET, this.three).status().value()).isEqualTo(200);
		this.harness.transport.sent.clear();
		RetriesExhaustedException ex = catchThrowableOfType(RetriesExhaustedException.class,
				() -> this.harness.call(HttpMethod.POST, this.three));
		assertThat(ex).hasMessageContaining("POST is not idempotent, so it was not sent again");
		assertThat(this.harness.transport.sentPorts()).containsExactly(8081);
	}

	@Test
	void postAnswered503ShouldBeSentAgainWhenConfiguredOrMarked() {
		this.harness.transport.script(8081, status(503)).script(8082, status(200));
		assertThat(this.harness.call(HttpMethod.POST, true, this.three).status().value()).isEqualTo(200);
		this.harness.retry = new RetrySettings(3, Duration.ofMillis(100), Duration.ofSeconds(1), Set.of(503),
				this.harness.retry.exceptions(), Set.of(HttpMethod.GET, HttpMethod.POST));
		this.harness.transport.sent.clear();
		assertThat(this.harness.call(HttpMethod.POST, this.three).status().value()).isEqualTo(200);
		assertThat(this.harness.transport.sentPorts()).containsExactly(8081, 8082);
	}

	@Test
	void requeueAfterARefusedConnectionShouldCostNoBackoffAndBeNamedApart() {
		this.harness.retry = new RetrySettings(2, Duration.ofMillis(100), Duration.ofSeconds(1), Set.of(503),
				this.harness.retry.exceptions(), this.harness.retry.methods());
		this.harness.transport.script(8081, refused()).script(8082, status(503)).script(8083, status(503));
		RetriesExhaustedException ex = catchThrowableOfType(RetriesExhaustedException.class,
				() -> this.harness.call(HttpMethod.POST, this.three));
		assertThat(this.harness.transport.sentPorts()).containsExactly(8081, 8082);
		assertThat(ex.getAttempts()).extracting(MeshAttempt::requeued).containsExactly(true, false);
		assertThat(ex.getAttempts().get(0).outcome()).startsWith("ConnectException");
		assertThat(ex).hasMessageContaining("failed after 1 attempt and 1 requeue after a failed connection");
		assertThat(this.harness.pauses).isEmpty();
		assertThat(this.harness.statistics.requeues()).containsKey("connect-refused");
	}

	@Test
	void exhaustionShouldNameTheAttemptsAndTheRequeue() {
		this.harness.retry = new RetrySettings(2, Duration.ofMillis(100), Duration.ofSeconds(1), Set.of(503),
				this.harness.retry.exceptions(), this.harness.retry.methods());
		this.harness.transport.script(8081, refused()).script(8082, status(503)).script(8083, status(503));
		RetriesExhaustedException ex = catchThrowableOfType(RetriesExhaustedException.class,
				() -> this.harness.call(HttpMethod.GET, this.three));
		assertThat(this.harness.transport.sentPorts()).containsExactly(8081, 8082, 8083);
		assertThat(ex)
			.hasMessageContaining("failed after 2 attempts and 1 requeue after a failed connection: "
					+ "no retry left (retry.max-attempts is 2)")
			.hasMessageContaining("#1 http://127.0.0.1:8081 -> ConnectException")
			.hasMessageContaining("ms, requeued)");
	}

	@Test
	void retryToAnInstanceAlreadyTriedShouldWaitABackoff() {
		List<ServiceInstance> one = EngineHarness.instances(8081);
		this.harness.transport.script(8081, status(503), status(200));
		assertThat(this.harness.call(HttpMethod.GET, one).status().value()).isEqualTo(200);
		assertThat(this.harness.pauses).hasSize(1);
		// The backoff asked of the fake clock (no time passes): full jitter below the
		// first backoff's bound.
		assertThat(this.harness.pauses.get(0)).isLessThan(this.harness.retry.baseBackoff());
	}

	@Test
	void spentRetryBudgetShouldStopRetries() {
		this.harness.transport.script(8081, status(503)).script(8082, status(200));
		assertThat(this.harness.call(HttpMethod.GET, this.three).status().value()).isEqualTo(200);
		this.harness.budget = new RetryBudget(0, 0, Duration.ofSeconds(10), this.harness.ticker);
		this.harness.transport.sent.clear();
		RetriesExhaustedException ex = catchThrowableOfType(RetriesExhaustedException.class,
				() -> this.harness.call(HttpMethod.GET, this.three));
		assertThat(ex).hasMessageContaining("the retry budget of service 'inventory' is spent");
		assertThat(this.harness.transport.sentPorts()).containsExactly(8081);
		assertThat(this.harness.statistics.budgetExhaustedCount()).isEqualTo(1);
	}

	@Test
	void deadlineShouldEndTheCallOnTheTicker() {
		this.harness.timeout = Duration.ofSeconds(2);
		this.harness.transport.script(8081, status(200, Duration.ofSeconds(1)));
		assertThat(this.harness.call(HttpMethod.GET, this.three).status().value()).isEqualTo(200);
		this.harness.transport.script(8081, status(200, Duration.ofSeconds(5)))
			.script(8082, status(200, Duration.ofSeconds(5)));
		long start = this.harness.ticker.getAsLong();
		DeadlineExceededException ex = catchThrowableOfType(DeadlineExceededException.class,
				() -> this.harness.call(HttpMethod.GET, this.three));
		assertThat(ex.getAttempts()).hasSize(1);
		assertThat(ex.getAttempts().get(0).outcome()).startsWith("SocketTimeoutException");
		assertThat(Duration.ofNanos(this.harness.ticker.getAsLong() - start)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void backoffLongerThanTheTimeLeftShouldEndTheCallWithoutWaiting() {
		this.harness.timeout = Duration.ofMillis(50);
		this.harness.retry = new RetrySettings(3, Duration.ofSeconds(10), Duration.ofSeconds(10), Set.of(503),
				this.harness.retry.exceptions(), this.harness.retry.methods());
		List<ServiceInstance> one = EngineHarness.instances(8081);
		this.harness.transport.script(8081, status(503));
		// A backoff draws from [0, 10 s): one under the 50 ms left is rare but possible.
		for (int call = 0; call < 5; call++) {
			catchThrowableOfType(DeadlineExceededException.class, () -> this.harness.call(HttpMethod.GET, one));
		}
		assertThat(this.harness.pauses).allMatch((pause) -> pause.compareTo(Duration.ofMillis(50)) < 0);
	}

	@Test
	void openBreakerShouldRefuseTheCallWithoutAnAttempt() {
		this.harness.breaker = CircuitBreaker.ofDefaults(EngineHarness.SERVICE);
		this.harness.transport.script(8081, status(200));
		assertThat(this.harness.call(HttpMethod.GET, this.three).status().value()).isEqualTo(200);
		assertThat(this.harness.transport.sent).hasSize(1);
		this.harness.breaker.transitionToOpenState();
		catchThrowableOfType(CircuitOpenException.class, () -> this.harness.call(HttpMethod.GET, this.three));
		assertThat(this.harness.transport.sent).hasSize(1);
	}

	@Test
	void breakerShouldCountServerErrorsAnswered() {
		this.harness.breaker = CircuitBreaker.ofDefaults(EngineHarness.SERVICE);
		this.harness.transport.script(8081, status(200), status(500));
		this.harness.call(HttpMethod.GET, this.three);
		this.harness.call(HttpMethod.GET, this.three);
		CircuitBreaker.Metrics metrics = this.harness.breaker.getMetrics();
		assertThat(metrics.getNumberOfSuccessfulCalls()).isEqualTo(1);
		assertThat(metrics.getNumberOfFailedCalls()).isEqualTo(1);
	}

	@Test
	void ejectedInstanceShouldBeSkipped() {
		this.harness.outliers = EngineHarness.outlierDetector(1, 0.5, 0.5);
		this.harness.transport.script(8081, status(503)).script(8082, status(200)).script(8083, status(200));
		assertThat(this.harness.call(HttpMethod.GET, this.three).status().value()).isEqualTo(200);
		assertThat(this.harness.outliers.isEjected(this.three.get(0))).isTrue();
		this.harness.transport.sent.clear();
		this.harness.call(HttpMethod.GET, this.three);
		assertThat(this.harness.transport.sentPorts()).containsExactly(8082);
	}

}
