package io.datapunk.mesh;

/**
 * How the mesh picks an instance of a service for each attempt, set by
 * {@code mesh.defaults.load-balancer} and {@code mesh.services.<name>.load-balancer}.
 *
 * @since 0.1.0
 */
public enum LoadBalancing {

	/**
	 * Power of two choices over a peak-sensitive latency average times requests in flight
	 * (Finagle, Linkerd). The default.
	 */
	P2C_EWMA,

	/**
	 * Each instance in turn.
	 */
	ROUND_ROBIN,

	/**
	 * Any instance, equally likely.
	 */
	RANDOM,

	/**
	 * At random in proportion to the instance's {@code weight} metadata.
	 */
	WEIGHTED,

	/**
	 * Power of two choices over requests in flight (Envoy's least-request).
	 */
	LEAST_REQUEST;

	/**
	 * Return the name as written in configuration, such as {@code p2c-ewma}.
	 * @return the name
	 */
	public String configName() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
