package io.datapunk.mesh.test.consul;

import java.time.Duration;
import java.util.Map;

/**
 * Consul's blocking queries on the test agent's catalog: a query with an {@code index}
 * above 0 is held until the index moves past it or its {@code wait} (default 5 min, at
 * most 10 min, as Consul documents) ends; a query without one answers at once. Either way
 * the answer carries the index to send back.
 *
 * @author datapunk mesh team
 */
final class BlockingQueries {

	private static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);

	private static final Duration MAX_WAIT = Duration.ofMinutes(10);

	private final ConsulCatalog catalog;

	BlockingQueries(ConsulCatalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * Hold a blocking query, if it is one, until it may be answered.
	 * @param name the service the query reads, {@code null} for the whole catalog
	 * @param query the request's query parameters
	 * @return the index to answer with
	 * @throws ServiceDefinitions.BadRequest if {@code index} or {@code wait} is malformed
	 * @throws InterruptedException if the thread is interrupted, as when the server stops
	 */
	long blockIfAsked(String name, Map<String, String> query) throws InterruptedException {
		String index = query.get("index");
		if (index != null) {
			long after;
			try {
				after = Long.parseLong(index);
			}
			catch (NumberFormatException ex) {
				throw new ServiceDefinitions.BadRequest("Invalid index: " + index);
			}
			Duration wait;
			try {
				wait = (query.get("wait") != null) ? GoDurations.parse(query.get("wait")) : DEFAULT_WAIT;
			}
			catch (IllegalArgumentException ex) {
				throw new ServiceDefinitions.BadRequest("Invalid wait time");
			}
			if (after > 0) {
				this.catalog.await(name, after, (wait.compareTo(MAX_WAIT) > 0) ? MAX_WAIT : wait);
			}
		}
		return (name != null) ? this.catalog.serviceIndex(name) : this.catalog.index();
	}

}
