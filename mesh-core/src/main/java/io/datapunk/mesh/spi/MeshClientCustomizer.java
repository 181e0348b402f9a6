package io.datapunk.mesh.spi;

import org.springframework.web.client.RestClient;
import io.datapunk.mesh.MeshClient;

/**
 * Customizes the {@link RestClient.Builder} behind each {@link MeshClient} interface,
 * after the mesh has configured it: default headers, extra interceptors, status handlers.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MeshClientCustomizer {

	/**
	 * Customize the builder of one service's client.
	 * @param serviceId the called service
	 * @param builder the builder, whose base URL is {@code http://<serviceId>}
	 */
	void customize(String serviceId, RestClient.Builder builder);

}
