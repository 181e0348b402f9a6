package io.datapunk.mesh.internal.client;

import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * The connections of the reactive attempts of services whose settings the application's
 * {@code WebClient} connector cannot honour: a TLS bundle, host names not verified, or a
 * {@code connect-timeout} of their own. Built by whoever configures the mesh.
 * Implementations must be thread-safe.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
@FunctionalInterface
public interface ServiceExchanges {

	/** Every service's attempts go through the application's connector. */
	ServiceExchanges NONE = (serviceId) -> null;

	/**
	 * Return the exchange a service's attempts go through.
	 * @param serviceId the service name
	 * @return its own exchange, or {@code null} if the application's connector (and the
	 * filters after the mesh's) carries its attempts
	 * @throws IllegalStateException if the service needs its own connections and none can
	 * be built (no Reactor Netty)
	 */
	ExchangeFunction forService(String serviceId);

}
