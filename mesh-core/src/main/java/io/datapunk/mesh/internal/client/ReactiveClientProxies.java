package io.datapunk.mesh.internal.client;

/**
 * Makes the HTTP interface proxies that serve the methods of a
 * {@link io.datapunk.mesh.MeshClient @MeshClient} returning reactive types ({@code Mono},
 * {@code Flux} and the others of Spring's {@code ReactiveAdapterRegistry}). No WebFlux
 * type appears here, so that {@link MeshClientFactory} loads without spring-webflux; the
 * implementation, {@link WebClientProxies}, exists only where it is on the class path.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
@FunctionalInterface
public interface ReactiveClientProxies {

	/**
	 * Create a proxy of an interface whose calls go to a service through the mesh without
	 * blocking.
	 * @param <T> the interface type
	 * @param type the interface
	 * @param serviceId the called service
	 * @param idempotent whether its requests carry the
	 * {@link io.datapunk.mesh.Idempotent} mark
	 * @return the proxy
	 */
	<T> T create(Class<T> type, String serviceId, boolean idempotent);

}
