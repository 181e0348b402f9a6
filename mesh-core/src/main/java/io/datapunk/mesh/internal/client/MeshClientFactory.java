package io.datapunk.mesh.internal.client;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.datapunk.mesh.internal.config.ServiceNames;

import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import io.datapunk.mesh.Idempotent;
import io.datapunk.mesh.spi.MeshClientCustomizer;
import io.datapunk.mesh.MeshClient;

/**
 * Creates mesh-aware {@link RestClient.Builder}s and {@link MeshClient} proxies. The
 * {@code @MeshClient} beans are made here; an application may also call it directly.
 * <p>
 * A method that returns a reactive type ({@code Mono}, {@code Flux}, or another one of
 * Spring's {@link ReactiveAdapterRegistry}) is served by a {@code WebClient} proxy
 * ({@link ReactiveClientProxies}), the others by a {@code RestClient} one: in an
 * interface that has both, each method behaves as it would in an interface of its kind
 * alone (a blocking method blocks its caller's thread as a blocking client does, not a
 * {@code WebClient} call waited on), and all of them go through the same engine and
 * settings of the service. Thread-safe.
 *
 * @since 0.1.0
 */
public class MeshClientFactory {

	private static final MeshClientRequestObservationConvention OBSERVATION_CONVENTION = new MeshClientRequestObservationConvention();

	private final Supplier<RestClient.Builder> baseBuilders;

	private final MeshClientHttpRequestFactory requestFactory;

	private final List<MeshClientCustomizer> customizers;

	private final Supplier<? extends ReactiveClientProxies> reactiveProxies;

	/**
	 * Create the factory.
	 * @param baseBuilders supplies a new builder configured as the application configures
	 * its own (message converters, observation, {@code RestClientCustomizer}s)
	 * @param requestFactory the mesh request factory
	 * @param customizers customizers of each service's client, in order
	 */
	public MeshClientFactory(Supplier<RestClient.Builder> baseBuilders, MeshClientHttpRequestFactory requestFactory,
			List<MeshClientCustomizer> customizers) {
		this(baseBuilders, requestFactory, customizers, () -> null);
	}

	/**
	 * Create the factory, with the maker of the proxies that serve reactive methods.
	 * @param baseBuilders supplies a new builder configured as the application configures
	 * its own (message converters, observation, {@code RestClientCustomizer}s)
	 * @param requestFactory the mesh request factory
	 * @param customizers customizers of each service's client, in order
	 * @param reactiveProxies supplies the maker of reactive proxies, or {@code null}
	 * where there is none (no spring-webflux); asked only for interfaces that need it
	 */
	public MeshClientFactory(Supplier<RestClient.Builder> baseBuilders, MeshClientHttpRequestFactory requestFactory,
			List<MeshClientCustomizer> customizers, Supplier<? extends ReactiveClientProxies> reactiveProxies) {
		this.baseBuilders = baseBuilders;
		this.requestFactory = requestFactory;
		this.customizers = List.copyOf(customizers);
		this.reactiveProxies = reactiveProxies;
	}

	/**
	 * Return a new builder whose clients send {@code http://<service>/…} through the
	 * mesh.
	 * @return a new builder
	 */
	public RestClient.Builder restClientBuilder() {
		return this.baseBuilders.get()
			.requestFactory(this.requestFactory)
			.observationConvention(OBSERVATION_CONVENTION);
	}

	/**
	 * Create a client for an interface annotated with {@link MeshClient}.
	 * @param <T> the interface type
	 * @param type the interface
	 * @return the client
	 * @throws IllegalArgumentException if the interface is not annotated with
	 * {@code @MeshClient}
	 * @throws io.datapunk.mesh.InvalidServiceNameException if its service name does not
	 * follow the rule
	 */
	public <T> T createClient(Class<T> type) {
		MeshClient meshClient = AnnotatedElementUtils.findMergedAnnotation(type, MeshClient.class);
		if (meshClient == null) {
			throw new IllegalArgumentException(type.getName() + " is not annotated with @MeshClient");
		}
		return createClient(type, meshClient.value());
	}

	/**
	 * Create a client of a service for an HTTP interface.
	 * @param <T> the interface type
	 * @param type the interface, written with Spring's HTTP interface annotations
	 * @param serviceId the called service
	 * @return the client
	 * @throws io.datapunk.mesh.InvalidServiceNameException if the service name does not
	 * follow the rule
	 */
	public <T> T createClient(Class<T> type, String serviceId) {
		return createClient(type, serviceId, null);
	}

	/**
	 * Create a client of a service for an HTTP interface, with a fallback that answers
	 * when a call fails for a mesh reason (a {@link io.datapunk.mesh.MeshException}).
	 * @param <T> the interface type
	 * @param type the interface, written with Spring's HTTP interface annotations
	 * @param serviceId the called service
	 * @param fallback the fallback, or {@code null} for none
	 * @return the client
	 * @throws io.datapunk.mesh.InvalidServiceNameException if the service name does not
	 * follow the rule
	 */
	public <T> T createClient(Class<T> type, String serviceId, T fallback) {
		ServiceNames.requireValid(serviceId, "@MeshClient on " + type.getName());
		Set<Method> idempotent = methods(type,
				(method) -> AnnotatedElementUtils.hasAnnotation(method, Idempotent.class));
		Set<Method> reactive = methods(type, MeshClientFactory::returnsReactiveType);
		if (!reactive.isEmpty()) {
			return createMixedClient(type, serviceId, fallback, idempotent, reactive);
		}
		RestClient.Builder builder = serviceBuilder(serviceId);
		T plain = proxy(type, builder.build());
		if (idempotent.isEmpty() && fallback == null) {
			return plain;
		}
		T marked = idempotent.isEmpty() ? null : proxy(type, marked(builder));
		Map<Method, Object> targets = new HashMap<>();
		idempotent.forEach((method) -> targets.put(method, marked));
		return MeshClientInvocationHandler.wrap(type, targets, plain, Set.of(), fallback);
	}

	private <T> T createMixedClient(Class<T> type, String serviceId, T fallback, Set<Method> idempotent,
			Set<Method> reactive) {
		ReactiveClientProxies proxies = reactiveProxies(type, reactive);
		Set<Method> blocking = methods(type,
				(method) -> Modifier.isAbstract(method.getModifiers()) && !reactive.contains(method));
		T reactivePlain = proxies.create(type, serviceId, false);
		if (blocking.isEmpty() && idempotent.isEmpty() && fallback == null) {
			return reactivePlain;
		}
		Map<Method, Object> targets = new HashMap<>();
		boolean reactiveMarks = reactive.stream().anyMatch(idempotent::contains);
		T reactiveMarked = reactiveMarks ? proxies.create(type, serviceId, true) : null;
		reactive.forEach((method) -> targets.put(method, idempotent.contains(method) ? reactiveMarked : reactivePlain));
		if (!blocking.isEmpty()) {
			RestClient.Builder builder = serviceBuilder(serviceId);
			T plain = proxy(type, builder.build());
			T marked = blocking.stream().anyMatch(idempotent::contains) ? proxy(type, marked(builder)) : null;
			blocking.forEach((method) -> targets.put(method, idempotent.contains(method) ? marked : plain));
		}
		return MeshClientInvocationHandler.wrap(type, targets, reactivePlain, reactive, fallback);
	}

	private ReactiveClientProxies reactiveProxies(Class<?> type, Set<Method> reactive) {
		ReactiveClientProxies proxies = this.reactiveProxies.get();
		if (proxies != null) {
			return proxies;
		}
		String methods = reactive.stream().map(Method::getName).sorted().distinct().toList().toString();
		String why = ClassUtils
			.isPresent("org.springframework.web.reactive.function.client.WebClient", type.getClassLoader())
					? "the mesh's WebClient support is not configured (MeshWebClientAutoConfiguration did not run)"
					: "spring-webflux is not on the class path: add spring-boot-starter-webflux, or make them return plain types";
		throw new IllegalStateException("@MeshClient " + type.getName() + ": methods " + methods
				+ " return reactive types, which are served by a WebClient, but " + why);
	}

	private RestClient.Builder serviceBuilder(String serviceId) {
		RestClient.Builder builder = restClientBuilder().baseUrl("http://" + serviceId);
		this.customizers.forEach((customizer) -> customizer.customize(serviceId, builder));
		return builder;
	}

	private static RestClient marked(RestClient.Builder builder) {
		return builder.clone()
			.defaultRequest((request) -> request.attribute(Idempotent.ATTRIBUTE, Boolean.TRUE))
			.build();
	}

	private static Set<Method> methods(Class<?> type, Predicate<Method> filter) {
		Set<Method> methods = new HashSet<>();
		ReflectionUtils.doWithMethods(type, methods::add, filter::test);
		return methods;
	}

	private static boolean returnsReactiveType(Method method) {
		return Modifier.isAbstract(method.getModifiers())
				&& ReactiveAdapterRegistry.getSharedInstance().getAdapter(method.getReturnType()) != null;
	}

	private static <T> T proxy(Class<T> type, RestClient restClient) {
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient)).build().createClient(type);
	}

}
