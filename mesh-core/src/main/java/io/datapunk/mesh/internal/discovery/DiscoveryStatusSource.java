package io.datapunk.mesh.internal.discovery;

import java.util.Map;

/**
 * A part of the mesh's discovery (a source such as Consul or DNS, a cache tier) that
 * reports its state for the {@code mesh} status endpoint. Beans of this type are listed
 * under {@code discovery.status} of {@code /actuator/mesh}, by {@link #statusName()}.
 * <p>
 * Implementations return plain values (maps, lists, strings, numbers, booleans, instants,
 * durations) and never a secret: no token, password or key.
 *
 * @since 0.1.0
 */
public interface DiscoveryStatusSource {

	/**
	 * Return the name the state is listed under, such as {@code consul}.
	 * @return a short lowercase name
	 */
	String statusName();

	/**
	 * Return the state now.
	 * @return the state, as plain values
	 */
	Map<String, Object> status();

}
