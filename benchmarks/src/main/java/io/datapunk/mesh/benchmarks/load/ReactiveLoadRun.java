package io.datapunk.mesh.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

/**
 * One closed-loop run of a {@link ReactiveVariantClient}: exactly {@code concurrency}
 * calls in flight (each of as many chains starts its next call as soon as its last one
 * ends, on the thread that ended it), no thread per call; otherwise as {@link LoadRun}:
 * unmeasured warm-up, measured window, the scenario's mid-run event halfway through it.
 *
 * @author datapunk mesh team
 */
final class ReactiveLoadRun {

	/**
	 * How long calls still in flight at the end of the window may take to end: past it, a
	 * variant has lost calls, and the run fails rather than wait for ever.
	 */
	private static final Duration DRAIN_LIMIT = Duration.ofMinutes(2);

	private static final IllegalStateException NO_ITEM = new IllegalStateException("No item in the answer");

	private ReactiveLoadRun() {
	}

	static RunResult run(Variant variant, ReactiveVariantClient client, Backends backends, Scenario scenario,
			LoadOptions options) {
		long start = System.nanoTime();
		long measureStart = start + options.warmup().toNanos();
		long measureNanos = options.duration().toNanos();
		long measureEnd = measureStart + measureNanos;
		ConcurrentCalls record = new ConcurrentCalls(measureStart);
		AtomicInteger next = new AtomicInteger();
		// One chain per caller, each starting its next call on the thread that ended the
		// last one, until the window ends; repeat() loops rather than nests when a call
		// ends at once (an open breaker).
		Mono<Void> load = Flux.range(0, options.concurrency())
			.flatMap((caller) -> Mono.defer(() -> call(client, nextId(next), record))
				.repeat(() -> System.nanoTime() - measureEnd < 0)
				.then(), options.concurrency())
			.then();
		CompletableFuture<Void> done = load.toFuture();
		LoadRun.sleepUntil(measureStart);
		backends.resetCounters();
		long cpuStart = LoadRun.processCpuNanos();
		ThreadCensus threadCensus = new ThreadCensus();
		threadCensus.countUntil(measureStart + measureNanos / 2);
		scenario.midRun(backends);
		threadCensus.countUntil(measureEnd);
		try {
			done.get(DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			done.cancel(true);
			throw new IllegalStateException(variant.id() + ": calls still in flight " + DRAIN_LIMIT
					+ " after the measured window, or the run failed", ex);
		}
		long cpuNanos = LoadRun.processCpuNanos() - cpuStart;
		return new RunResult(variant, record.calls(), record.errors(), measureNanos, record.latencies(),
				backends.requests(), record.errorKinds(), cpuNanos, threadCensus.peak(), threadCensus.ran());
	}

	/**
	 * One call, timed from subscription to its end; it always completes empty, its
	 * outcome recorded.
	 */
	private static Mono<Void> call(ReactiveVariantClient client, String id, ConcurrentCalls record) {
		return Mono.defer(() -> {
			long begin = System.nanoTime();
			return Mono.defer(() -> client.reactiveItem(id))
				.materialize()
				.doOnNext((signal) -> record.record(begin, System.nanoTime(), failureOf(signal)))
				.then();
		});
	}

	private static String nextId(AtomicInteger next) {
		return LoadRun.IDS[(next.getAndIncrement() & Integer.MAX_VALUE) % LoadRun.IDS.length];
	}

	private static Throwable failureOf(Signal<Item> signal) {
		if (signal.isOnError()) {
			return signal.getThrowable();
		}
		return signal.isOnNext() ? null : NO_ITEM;
	}

}
