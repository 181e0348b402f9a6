package io.datapunk.mesh.benchmarks.load;

/**
 * One variant's way of calling the backends, opened for one run.
 *
 * @author datapunk mesh team
 * @since 0.1.0
 */
public interface VariantClient extends AutoCloseable {

	/**
	 * Fetch one item; any exception counts as an error seen by the caller.
	 * @param id the item id
	 * @return the item
	 */
	Item item(String id);

	/**
	 * Describe what the client chose where it matters to the results, such as the mesh's
	 * load balancer.
	 * @return a short description, empty if there is nothing to say
	 */
	default String description() {
		return "";
	}

	@Override
	void close();

}
