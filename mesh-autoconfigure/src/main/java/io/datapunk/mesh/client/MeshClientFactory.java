package io.datapunk.mesh.client;

import java.util.List;
import java.util.function.Supplier;

import io.datapunk.mesh.config.ServiceNames;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Creates mesh-aware {@link RestClient.Builder}s and {@link MeshClient} proxies. The
 * {@code @MeshClient} beans are made here; an application may also call it directly.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class MeshClientFactory {

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
		return this.baseBuilders.get().requestFactory(this.requestFactory);
	}

	/**
	 * Create a client for an interface annotated with {@link MeshClient}.
	 * @param <T> the interface type
	 * @param type the interface
	 * @return the client
	 * @throws IllegalArgumentException if the interface is not annotated with
	 * {@code @MeshClient}
	 * @throws io.datapunk.mesh.config.InvalidServiceNameException if its service name
	 * does not follow the rule
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
	 * @throws io.datapunk.mesh.config.InvalidServiceNameException if the service name
	 * does not follow the rule
	 */
	public <T> T createClient(Class<T> type, String serviceId) {
		ServiceNames.requireValid(serviceId, "@MeshClient on " + type.getName());
		RestClient.Builder builder = restClientBuilder().baseUrl("http://" + serviceId);
		this.customizers.forEach((customizer) -> customizer.customize(serviceId, builder));
		RestClientAdapter adapter = RestClientAdapter.create(builder.build());
		return HttpServiceProxyFactory.builderFor(adapter).build().createClient(type);
	}

}
