package io.datapunk.mesh.autoconfigure.actuate;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.lang.Nullable;

/**
 * {@link Endpoint @Endpoint} that shows the mesh as this application sees it:
 * {@code /actuator/mesh} for the whole, {@code /actuator/mesh/{service}} for one called
 * service (404 for a service neither configured nor called). Read-only; see
 * {@link WritableMeshEndpoint} for the operations that change state.
 *
 * @since 0.1.0
 */
@Endpoint(id = "mesh")
public class MeshEndpoint {

	private final MeshDescriptors descriptors;

	MeshEndpoint(MeshDescriptors descriptors) {
		this.descriptors = descriptors;
	}

	/**
	 * Return the whole mesh.
	 * @return the mesh's descriptor
	 */
	@ReadOperation
	public MeshDescriptor mesh() {
		return this.descriptors.mesh();
	}

	/**
	 * Return one service in detail.
	 * @param service the service name
	 * @return the service's descriptor, or {@code null} (404) for an unknown service
	 */
	@ReadOperation
	@Nullable
	public ServiceDescriptor service(@Selector String service) {
		return this.descriptors.service(service);
	}

	MeshDescriptors descriptors() {
		return this.descriptors;
	}

}
