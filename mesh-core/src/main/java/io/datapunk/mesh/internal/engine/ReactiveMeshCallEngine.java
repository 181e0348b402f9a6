package io.datapunk.mesh.internal.engine;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import io.datapunk.mesh.internal.config.ServiceSettings;
import io.datapunk.mesh.internal.resilience.Deadline;
import io.datapunk.mesh.internal.resilience.InboundDeadline;
import io.datapunk.mesh.internal.resilience.ServiceResilience;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

/**
 * The non-blocking entry to a {@link MeshCallEngine}: one policy, the same engine parts
 * and service state, with attempts as {@link Mono}s and backoffs on Reactor's timers. The
 * caller's deadline comes from the Reactor context ({@link #DEADLINE_KEY}) or, for a call
 * made on a servlet request's thread, from the inbound {@code Mesh-Timeout}; each attempt
 * sends the time it has on. The first look-up of a service may wait on a discovery source
 * (Consul, DNS, Redis), so it runs on {@link Schedulers#boundedElastic()}; later ones are
 * answered from the mesh's cache on the caller's thread. Thread-safe.
 *
 * @since 0.1.0
 */
public final class ReactiveMeshCallEngine {

	/**
	 * Reactor context key whose value, a {@link Deadline}, is the time the caller has.
	 */
	public static final Class<Deadline> DEADLINE_KEY = InboundDeadline.CONTEXT_KEY;

	private final MeshCallEngine engine;

	/**
	 * Create the non-blocking entry to an engine.
	 * @param engine the engine
	 */
	public ReactiveMeshCallEngine(MeshCallEngine engine) {
		this.engine = engine;
	}

	/**
	 * Make a call; nothing is sent before subscription.
	 * @param <R> the transport's answers
	 * @param request the logical request
	 * @param sender sends each attempt
	 * @return the answer, or a {@link io.datapunk.mesh.MeshException} as
	 * {@link MeshCallEngine#call} throws it
	 */
	public <R extends AttemptResponse> Mono<R> call(CallRequest request, ReactiveAttemptSender<R> sender) {
		return Mono.deferContextual((context) -> {
			Deadline inbound = inboundDeadline(context);
			ServiceResilience known = this.engine.knownService(request.serviceId());
			Mono<ServiceResilience> service = (known != null) ? Mono.just(known)
					: Mono.fromCallable(() -> this.engine.newService(request.serviceId(), inbound))
						.subscribeOn(Schedulers.boundedElastic());
			return service.flatMap((resilience) -> guarded(resilience, request, sender, inbound));
		});
	}

	/**
	 * Return the settings of a service ({@code mesh.services.<name>} over
	 * {@code mesh.defaults}), for what the transport applies itself.
	 * @param serviceId a valid service name
	 * @return the settings
	 */
	public ServiceSettings settingsOf(String serviceId) {
		return this.engine.settingsOf(serviceId);
	}

	<R extends AttemptResponse> Mono<R> guarded(ServiceResilience service, CallRequest request,
			ReactiveAttemptSender<R> sender, Deadline inbound) {
		EngineParts parts = this.engine.parts();
		Deadline own = Deadline.after(service.settings().timeout(), parts.clock().ticker());
		Deadline deadline = parts.propagateDeadlines() ? own.earliest(inbound) : own;
		ReactiveCallLoop<R> loop = new ReactiveCallLoop<>(
				new CallLoop<>(service, request, new StreamedBodies<>(), parts, deadline, deadline != own), sender);
		CircuitBreaker breaker = BreakerGuard.permit(service);
		if (breaker == null) {
			return loop.run();
		}
		long start = breaker.getCurrentTimestamp();
		return loop.run()
			.doOnNext((answer) -> BreakerGuard.answered(breaker, service.serviceId(), loop.answeredStatus(), start))
			.doOnError((ex) -> BreakerGuard.failed(breaker, ex, loop.endedByCaller(), start))
			.doOnCancel(() -> {
				if (!loop.settled()) {
					// The caller went away: that says nothing of the service.
					breaker.releasePermission();
				}
			});
	}

	private static Deadline inboundDeadline(ContextView context) {
		Deadline fromContext = context.getOrDefault(DEADLINE_KEY, null);
		Deadline onThread = InboundDeadline.current();
		return (onThread != null) ? onThread.earliest(fromContext) : fromContext;
	}

	/**
	 * The blocking sender's part the reactive loop uses: a body streams to its caller
	 * after the call answered, instead of being read within the attempt.
	 */
	private static final class StreamedBodies<R extends AttemptResponse> implements AttemptSender<R> {

		@Override
		public R send(URI target, Duration timeLimit) throws IOException {
			throw new UnsupportedOperationException("attempts are sent by the reactive sender");
		}

		@Override
		public R readBody(R answer) {
			return answer;
		}

	}

}
