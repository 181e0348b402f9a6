package io.datapunk.mesh.internal.client;

import java.util.function.Supplier;

import io.datapunk.mesh.Idempotent;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The reactive half of {@link io.datapunk.mesh.MeshClient @MeshClient} interfaces:
 * Spring's {@link WebClientAdapter} over a {@link WebClient} from the mesh's builder,
 * whose filter runs each call through the same engine as the blocking clients.
 * Thread-safe.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public final class WebClientProxies implements ReactiveClientProxies {

	private final Supplier<WebClient.Builder> meshBuilders;

	/**
	 * Create the proxy maker.
	 * @param meshBuilders supplies a new mesh-aware builder (the
	 * {@link io.datapunk.mesh.MeshWebClient @MeshWebClient} one) per call
	 */
	public WebClientProxies(Supplier<WebClient.Builder> meshBuilders) {
		this.meshBuilders = meshBuilders;
	}

	@Override
	public <T> T create(Class<T> type, String serviceId, boolean idempotent) {
		WebClient.Builder builder = this.meshBuilders.get().baseUrl("http://" + serviceId);
		if (idempotent) {
			builder.defaultRequest((request) -> request.attribute(Idempotent.ATTRIBUTE, Boolean.TRUE));
		}
		return HttpServiceProxyFactory.builderFor(WebClientAdapter.create(builder.build())).build().createClient(type);
	}

}
