package io.datapunk.mesh.internal.discovery.dns;

import java.time.Duration;
import java.util.List;

/**
 * What DNS discovery needs to know of its configuration ({@code mesh.discovery.dns.*});
 * the auto-configuration's properties implement it. Values are checked when the client is
 * created.
 *
 * @author datapunk mesh team
 */
public interface DnsConfig {

	/** Return the SRV name pattern, with {@code {service}} in it. */
	String getNamePattern();

	/** Return the DNS servers as {@code host[:port]}; empty for the system's. */
	List<String> getServers();

	/** Return how long one query may take. */
	Duration getTimeout();

	/** Return the shortest time an answer is kept. */
	Duration getMinTtl();

	/** Return the longest time an answer is kept. */
	Duration getMaxTtl();

	/** Return how long an unused service's answers are kept. */
	Duration getIdleTimeout();

}
