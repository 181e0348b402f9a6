package io.datapunk.mesh.internal.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.datapunk.mesh.MeshAttempt;
import io.datapunk.mesh.RetriesExhaustedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpMethod;

import static io.datapunk.mesh.internal.engine.FakeTransport.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive call loop against the fake transport: the same policy as the blocking
 * loop, with backoffs on Reactor's (here virtual) timers instead of the engine's pause.
 */
class ReactiveMeshCallEngineTests {

	private final EngineHarness harness = new EngineHarness();

	private final List<ServiceInstance> three = EngineHarness.instances(8081, 8082, 8083);

	@Test
	void retryAfterABackoffShouldWaitOnAReactorTimerNotOnAThread() {
		List<ServiceInstance> one = EngineHarness.instances(8081);
		this.harness.transport.script(8081, status(503), status(200));
		StepVerifier.withVirtualTime(() -> call(HttpMethod.GET, one))
			.expectSubscription()
			.thenAwait(this.harness.retry.baseBackoff())
			.assertNext((answer) -> assertThat(answer.status().value()).isEqualTo(200))
			.verifyComplete();
		assertThat(this.harness.transport.sentPorts()).containsExactly(8081, 8081);
		// The engine's blocking pause was never asked for.
		assertThat(this.harness.pauses).isEmpty();
	}

	@Test
	void answerAfterA503ShouldComeFromAnotherInstanceAtOnce() {
		this.harness.transport.script(8081, status(503)).script(8082, status(200));
		StepVerifier.create(call(HttpMethod.GET, this.three))
			.assertNext((answer) -> assertThat(answer.status().value()).isEqualTo(200))
			.verifyComplete();
		assertThat(this.harness.transport.sentPorts()).containsExactly(8081, 8082);
		assertThat(this.harness.transport.answers.get(0).closed).isTrue();
	}

	@Test
	void postAnswered503ShouldNotBeSentAgain() {
		this.harness.transport.script(8081, status(503)).script(8082, status(200));
		StepVerifier.create(call(HttpMethod.POST, this.three))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(RetriesExhaustedException.class)
				.hasMessageContaining("POST is not idempotent, so it was not sent again"))
			.verify();
		assertThat(this.harness.transport.sentPorts()).containsExactly(8081);
	}

	@Test
	void cancelShouldCancelTheAttemptInFlightAndCountForNoOne() {
		this.harness.breaker = CircuitBreaker.ofDefaults(EngineHarness.SERVICE);
		AtomicBoolean cancelled = new AtomicBoolean();
		AtomicBoolean sent = new AtomicBoolean();
		MeshCallEngine engine = this.harness.engine(this.three);
		Mono<FakeAnswer> call = new ReactiveMeshCallEngine(engine).guarded(this.harness.service(),
				EngineHarness.request(HttpMethod.GET, false),
				(target) -> Mono.<FakeAnswer>never()
					.doOnSubscribe((subscription) -> sent.set(true))
					.doOnCancel(() -> cancelled.set(true)),
				null);
		StepVerifier.create(call).expectSubscription().thenCancel().verify();
		assertThat(sent).isTrue();
		assertThat(cancelled).isTrue();
		assertThat(this.harness.breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
		// Positive control: an answered call is counted.
		this.harness.transport.script(8081, status(200));
		StepVerifier.create(call(HttpMethod.GET, this.three)).expectNextCount(1).verifyComplete();
		assertThat(this.harness.breaker.getMetrics().getNumberOfBufferedCalls()).isOne();
	}

	@Test
	void attemptWithoutAnswerShouldEndAtItsTimeLimitAndGoElsewhere() {
		// The fake ticker stands still, so each attempt has the whole timeout.
		this.harness.timeout = Duration.ofMillis(200);
		MeshCallEngine engine = this.harness.engine(this.three);
		StepVerifier
			.create(new ReactiveMeshCallEngine(engine).guarded(this.harness.service(),
					EngineHarness.request(HttpMethod.GET, false), (target) -> Mono.<FakeAnswer>never(), null))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(RetriesExhaustedException.class)
				.satisfies((exhausted) -> assertThat(((RetriesExhaustedException) exhausted).getAttempts())
					.extracting(MeshAttempt::outcome)
					.hasSize(3)
					.allSatisfy((outcome) -> assertThat(outcome).startsWith("SocketTimeoutException"))))
			.verify(Duration.ofSeconds(10));
	}

	private Mono<FakeAnswer> call(HttpMethod method, List<ServiceInstance> instances) {
		MeshCallEngine engine = this.harness.engine(instances);
		FakeTransport transport = this.harness.transport;
		return new ReactiveMeshCallEngine(engine).guarded(this.harness.service(), EngineHarness.request(method, false),
				(target) -> Mono.fromCallable(() -> transport.send(target, Duration.ofSeconds(1))), null);
	}

}
