package io.datapunk.mesh.internal.client;

import java.lang.reflect.Method;
import io.datapunk.mesh.MeshException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;

/**
 * The fallback of a reactive {@link io.datapunk.mesh.MeshClient @MeshClient} method: a
 * call that ends with a {@link MeshException} (breaker open, retries exhausted, no
 * instance, deadline) goes on with the fallback's answer, subscribed to only then. A
 * class of its own so that Reactor is loaded only for interfaces that use it.
 *
 * @author datapunk mesh team
 */
final class ReactiveFallback {

	private ReactiveFallback() {
	}

	/**
	 * Return the method's answer with the fallback's in place of a mesh failure.
	 * @param method the called method, whose return type is reactive
	 * @param answer what the mesh client returned
	 * @param fallbackCall calls the fallback's method
	 * @return an answer of the method's return type
	 */
	static Object resume(Method method, Object answer, FallbackCall fallbackCall) {
		ReactiveAdapter adapter = ReactiveAdapterRegistry.getSharedInstance().getAdapter(method.getReturnType());
		if (adapter == null || answer == null) {
			return answer;
		}
		if (adapter.isMultiValue()) {
			Flux<Object> flux = Flux.<Object>from(adapter.toPublisher(answer))
				.onErrorResume(MeshException.class, (ex) -> Flux.defer(() -> fallbackAnswer(adapter, fallbackCall)));
			return adapter.fromPublisher(flux);
		}
		Mono<Object> mono = Mono.<Object>from(adapter.toPublisher(answer))
			.onErrorResume(MeshException.class,
					(ex) -> Mono.defer(() -> Mono.from(fallbackAnswer(adapter, fallbackCall))));
		return adapter.fromPublisher(mono);
	}

	private static Publisher<Object> fallbackAnswer(ReactiveAdapter adapter, FallbackCall fallbackCall) {
		try {
			Object answer = fallbackCall.call();
			return (answer != null) ? Flux.from(adapter.toPublisher(answer)) : Mono.empty();
		}
		catch (Throwable ex) {
			return Mono.error(ex);
		}
	}

	/**
	 * Calls the fallback's method.
	 */
	@FunctionalInterface
	interface FallbackCall {

		Object call() throws Throwable;

	}

}
