package io.datapunk.mesh.internal.discovery.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.datapunk.mesh.InvalidMeshPropertyException;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * The resolved settings of DNS SRV discovery besides the name pattern: whom to ask, how
 * long to wait, how long to keep answers. Immutable.
 *
 * @param servers the DNS servers, at least one
 * @param timeout the wait for one server's answer to one query
 * @param minTtl the shortest time an answer is kept
 * @param maxTtl the longest time an answer is kept
 * @param idleTimeout the time after a service's last call at which it is no longer
 * renewed
 * @author datapunk mesh team
 */
record DnsResolverSettings(List<InetSocketAddress> servers, Duration timeout, Duration minTtl, Duration maxTtl,
		Duration idleTimeout) {

	/**
	 * How late dnsjava may notice that a query timed out: its selector thread checks
	 * timeouts on a tick of up to 1 s (system property
	 * {@code dnsjava.nio.selector_timeout}, in milliseconds, JVM-wide).
	 */
	private static final Duration TIMEOUT_TICK = Duration.ofSeconds(1);

	/**
	 * Shortest min-ttl (and max-ttl): at most ten queries a second per service, also when
	 * the answers carry a TTL of 0 and when lookups fail.
	 */
	static final Duration MIN_TTL_FLOOR = Duration.ofMillis(100);

	/** Longest min-ttl and max-ttl: an answer is asked again at least once a day. */
	static final Duration MAX_TTL_CEILING = Duration.ofDays(1);

	/**
	 * Check and resolve the configuration.
	 * @param properties the configuration
	 * @return the settings
	 * @throws InvalidMeshPropertyException if a setting breaks a rule
	 */
	static DnsResolverSettings of(DnsConfig properties) {
		// Consul answers with a TTL of 0: min-ttl is then the time between two queries
		// per service, and 1ms would mean about 1,000 queries a second for each.
		requireWithin("mesh.discovery.dns.min-ttl", properties.getMinTtl(), MIN_TTL_FLOOR, MAX_TTL_CEILING, "'1s'");
		requireWithin("mesh.discovery.dns.max-ttl", properties.getMaxTtl(), MIN_TTL_FLOOR, MAX_TTL_CEILING, "'60s'");
		if (properties.getMinTtl().compareTo(properties.getMaxTtl()) > 0) {
			throw new InvalidMeshPropertyException("mesh.discovery.dns.min-ttl", format(properties.getMinTtl()),
					"must not be longer than mesh.discovery.dns.max-ttl (" + format(properties.getMaxTtl()) + ")",
					"'1s'");
		}
		// dnsjava falls back to 127.0.0.1:53 where the system names no resolver.
		List<InetSocketAddress> servers = DnsServers.parse(properties.getServers());
		return new DnsResolverSettings(servers, properties.getTimeout(), properties.getMinTtl(), properties.getMaxTtl(),
				properties.getIdleTimeout());
	}

	private static void requireWithin(String property, Duration value, Duration floor, Duration ceiling,
			String example) {
		if (value.compareTo(floor) < 0 || value.compareTo(ceiling) > 0) {
			throw new InvalidMeshPropertyException(property, format(value),
					"must be between " + format(floor) + " and " + format(ceiling), example);
		}
	}

	/**
	 * Format a duration as it is usually written in properties, such as {@code 90s}.
	 */
	private static String format(Duration duration) {
		long millis = duration.toMillis();
		if (duration.toNanos() % 1_000_000 != 0 && millis < 1000) {
			return duration.toNanos() + "ns";
		}
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	/**
	 * Return how often a query is sent before a lookup gives up: each server once, or one
	 * server twice.
	 */
	int attempts() {
		return Math.max(2, this.servers.size());
	}

	/**
	 * Return the longest one query can wait for its answer, tick included.
	 */
	Duration queryTime() {
		return this.timeout.plus(TIMEOUT_TICK);
	}

	/**
	 * Return the longest a whole lookup may take: the SRV query, then the address queries
	 * of targets that the answer gave no address for, each with its attempts.
	 */
	Duration lookupTime() {
		return queryTime().multipliedBy(attempts() * 2L);
	}

	/**
	 * Return how long an answer with the given TTL is kept.
	 */
	Duration keep(long ttlSeconds) {
		Duration ttl = Duration.ofSeconds(Math.max(0, ttlSeconds));
		if (ttl.compareTo(this.minTtl) < 0) {
			return this.minTtl;
		}
		return (ttl.compareTo(this.maxTtl) > 0) ? this.maxTtl : ttl;
	}

	/**
	 * Create the resolver that sends the queries: over UDP, falling back to TCP for
	 * answers too long for a datagram; the next server (or, with one, the same again) for
	 * a query that gets no answer in time.
	 */
	Resolver createResolver() {
		List<Resolver> resolvers = new ArrayList<>(this.servers.size());
		for (InetSocketAddress server : this.servers) {
			SimpleResolver resolver = new SimpleResolver(server);
			resolver.setTimeout(this.timeout);
			resolvers.add(resolver);
		}
		ExtendedResolver resolver = new ExtendedResolver(resolvers);
		resolver.setRetries((this.servers.size() == 1) ? 2 : 1);
		resolver.setTimeout(queryTime().multipliedBy(attempts()));
		return resolver;
	}

}
