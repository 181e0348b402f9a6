package io.datapunk.mesh.internal.client;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.datapunk.mesh.internal.config.ServiceNames;

import org.springframework.core.annotation.AnnotatedElementUtils;
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
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class MeshClientFactory {

	private static final MeshClientRequestObservationConvention OBSERVATION_CONVENTION = new MeshClientRequestObservationConvention();

	private final Supplier<RestClient.Builder> baseBuilders;

	private final MeshClientHttpRequestFactory requestFactory;

	private final List<MeshClientCustomizer> customizers;

	/**
	 * Create the factory.
	 * @param baseBuilders supplies a new builder configured as the application configures
	 * its own (message converters, observation, {@code RestClientCustomizer}s)
	 * @param requestFactory the mesh request factory
	 * @param customizers customizers of each service's client, in order
	 */
	public MeshClientFactory(Supplier<RestClient.Builder> baseBuilders, MeshClientHttpRequestFactory requestFactory,
			List<MeshClientCustomizer> customizers) {
		this.baseBuilders = baseBuilders;
		this.requestFactory = requestFactory;
		this.customizers = List.copyOf(customizers);
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
		RestClient.Builder builder = restClientBuilder().baseUrl("http://" + serviceId);
		this.customizers.forEach((customizer) -> customizer.customize(serviceId, builder));
		T plain = proxy(type, builder.build());
		Set<Method> idempotent = new HashSet<>();
		ReflectionUtils.doWithMethods(type, idempotent::add,
				(method) -> AnnotatedElementUtils.hasAnnotation(method, Idempotent.class));
		if (idempotent.isEmpty() && fallback == null) {
			return plain;
		}
		T marked = idempotent.isEmpty() ? null
				: proxy(type,
						builder.clone()
							.defaultRequest((request) -> request.attribute(Idempotent.ATTRIBUTE, Boolean.TRUE))
							.build());
		return MeshClientInvocationHandler.wrap(type, plain, marked, idempotent, fallback);
	}

	private static <T> T proxy(Class<T> type, RestClient restClient) {
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient)).build().createClient(type);
	}

}
