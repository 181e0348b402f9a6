package io.datapunk.mesh.autoconfigure.client.group;

import java.util.List;

import io.datapunk.mesh.internal.client.MeshClientHttpRequestFactory;
import io.datapunk.mesh.internal.client.MeshClientRequestObservationConvention;
import io.datapunk.mesh.spi.MeshClientCustomizer;

import org.springframework.cloud.client.loadbalancer.BlockingLoadBalancerInterceptor;
import org.springframework.cloud.client.loadbalancer.DeferringLoadBalancerInterceptor;
import org.springframework.core.Ordered;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.springframework.web.service.registry.HttpServiceGroup;

/**
 * Sends the {@code RestClient} HTTP service groups that are mesh services (see
 * {@link MeshServiceGroups}) through the mesh, as a {@code @MeshClient} of the same
 * service is: the same request factory (so the same discovery, ejections, balancer,
 * breaker, retry budget and metrics), the same observation convention, the same
 * {@link MeshClientCustomizer}s, and {@code @Idempotent} methods marked for retry. Other
 * groups are left as they are.
 * <p>
 * It runs after Spring Boot's configurers (which set a group's base URL, headers and
 * request factory from {@code spring.http.serviceclient.<group>.*}), after Spring Cloud
 * LoadBalancer's (order 10) and after the application's own at the default order, so that
 * it has the last word on a mesh group's transport: the mesh's request factory replaces
 * the group's, and Spring Cloud LoadBalancer's interceptors are taken off a mesh group,
 * which would otherwise pick an instance before the mesh does and hand the mesh a host
 * that is no service name. Interceptors of the application stay, and run once per logical
 * call. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class MeshRestClientHttpServiceGroupConfigurer implements RestClientHttpServiceGroupConfigurer {

	/** Late, but leaves room for an application that must come after the mesh. */
	static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	private static final MeshClientRequestObservationConvention OBSERVATION_CONVENTION = new MeshClientRequestObservationConvention();

	private final MeshServiceGroups meshGroups;

	private final MeshClientHttpRequestFactory requestFactory;

	private final List<MeshClientCustomizer> customizers;

	MeshRestClientHttpServiceGroupConfigurer(MeshServiceGroups meshGroups, MeshClientHttpRequestFactory requestFactory,
			List<MeshClientCustomizer> customizers) {
		this.meshGroups = meshGroups;
		this.requestFactory = requestFactory;
		this.customizers = List.copyOf(customizers);
	}

	@Override
	public void configureGroups(Groups<RestClient.Builder> groups) {
		groups.filter(this.meshGroups::isMeshGroup).forEachGroup(this::configure);
	}

	private void configure(HttpServiceGroup group, RestClient.Builder client, HttpServiceProxyFactory.Builder proxies) {
		client.baseUrl(this.meshGroups.baseUrl(group))
			.requestFactory(this.requestFactory)
			.observationConvention(OBSERVATION_CONVENTION)
			.requestInterceptors((interceptors) -> interceptors
				.removeIf(MeshRestClientHttpServiceGroupConfigurer::isSpringCloudLoadBalancer));
		this.customizers.forEach((customizer) -> customizer.customize(group.name(), client));
		proxies.httpRequestValuesProcessor(new IdempotentMethods());
	}

	private static boolean isSpringCloudLoadBalancer(ClientHttpRequestInterceptor interceptor) {
		return interceptor instanceof DeferringLoadBalancerInterceptor
				|| interceptor instanceof BlockingLoadBalancerInterceptor;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
