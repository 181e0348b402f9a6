package io.datapunk.mesh.internal.engine;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.publisher.SignalType;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The non-blocking form of a {@link CallLoop}: the same steps (candidate chain,
 * classifier, retry gate, budget, ejection samples, deadline), each attempt a
 * {@link Mono} from the {@link ReactiveAttemptSender}, each backoff a Reactor timer
 * ({@link Mono#delay}), so that no thread waits. Cancelling the subscriber cancels the
 * attempt in flight, which then counts for neither the instance nor the breaker. The
 * steps run one after another, each after the one before ended (Reactor orders them), so
 * the call loop's state needs no lock; a cancel racing an answer is settled by
 * {@link #settled}.
 *
 * @param <R> the transport's answers
 * @author datapunk mesh team
 */
final class ReactiveCallLoop<R extends AttemptResponse> {

	private final CallLoop<R> loop;

	private final ReactiveAttemptSender<R> sender;

	private volatile AttemptInFlight current;

	/** Whether the call answered or failed: a cancel after that changes nothing. */
	private volatile boolean settled;

	ReactiveCallLoop(CallLoop<R> loop, ReactiveAttemptSender<R> sender) {
		this.loop = loop;
		this.sender = sender;
	}

	/** The answer of the call; the first look-up happens on subscription. */
	Mono<R> run() {
		return Mono.defer(() -> next(this.loop.start())).doOnEach((signal) -> {
			if (signal.isOnNext() || signal.isOnError()) {
				this.settled = true;
			}
		}).doFinally((signal) -> {
			if (signal == SignalType.CANCEL && !this.settled) {
				this.loop.cancelled(this.current);
			}
		});
	}

	/** Return whether the call answered or failed before any cancel. */
	boolean settled() {
		return this.settled;
	}

	boolean endedByCaller() {
		return this.loop.endedByCaller();
	}

	int answeredStatus() {
		return this.loop.answeredStatus();
	}

	private Mono<R> next(List<ServiceInstance> instances) {
		return Mono.defer(() -> {
			AttemptInFlight attempt = this.loop.prepare(instances);
			if (attempt == null) {
				return again(instances);
			}
			this.current = attempt;
			Duration timeLimit = attempt.timeLimit();
			return this.sender.send(attempt.target())
				.timeout(timeLimit, Mono.error(() -> timedOut(attempt.target(), timeLimit)))
				.materialize()
				.flatMap((signal) -> outcome(attempt, signal, instances));
		});
	}

	private Mono<R> outcome(AttemptInFlight attempt, Signal<R> signal, List<ServiceInstance> instances) {
		R answer;
		try {
			if (signal.isOnNext()) {
				answer = this.loop.answered(attempt, signal.get());
			}
			else if (signal.getThrowable() instanceof IOException failure) {
				answer = this.loop.failed(attempt, failure);
			}
			else if (signal.getThrowable() instanceof Error error) {
				throw error;
			}
			else {
				Throwable failure = signal.getThrowable();
				throw this.loop.clientFailed(attempt, (failure instanceof RuntimeException ex) ? ex
						: new IllegalStateException("the HTTP client ended without an answer", failure));
			}
		}
		finally {
			this.loop.abandonIfInFlight();
			this.current = null;
		}
		return (answer != null) ? Mono.just(answer) : again(instances);
	}

	/** Go again, after the backoff the last outcome asked for, on Reactor's timer. */
	private Mono<R> again(List<ServiceInstance> instances) {
		Duration backoff = this.loop.takeBackoff();
		return backoff.isZero() ? next(instances) : Mono.delay(backoff).then(next(instances));
	}

	/** An attempt past its time: sent, so not requeued; retried as a read timeout is. */
	private static IOException timedOut(URI target, Duration timeLimit) {
		return new SocketTimeoutException("no answer from " + target.getScheme() + "://" + target.getRawAuthority()
				+ " within " + timeLimit.toMillis() + " ms");
	}

}
