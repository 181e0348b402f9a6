package io.datapunk.mesh.autoconfigure.discovery.dns;

import io.datapunk.mesh.internal.discovery.dns.DnsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.datapunk.mesh.autoconfigure.config.PositiveDuration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of DNS SRV discovery, bound from {@code mesh.discovery.dns.*}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("mesh.discovery.dns")
@Validated
public class DnsDiscoveryProperties implements DnsConfig {

	/**
	 * Whether the instances of called services are looked up in DNS SRV records.
	 */
	private boolean enabled;

	/**
	 * Name of the SRV records of a service, with {service} standing for the service name.
	 * A first label of _https makes the instances https ones; any other, http.
	 */
	private String namePattern = "_http._tcp.{service}.service.consul";

	/**
	 * Comma-separated list of DNS servers to ask, as host or host:port (port 53 if not
	 * given; an IPv6 address in brackets, such as [::1]:8600). Empty to ask the system's
	 * resolvers.
	 */
	private List<String> servers = new ArrayList<>();

	/**
	 * Time to wait for one server's answer to one query; an unanswered query is sent
	 * again, to the next server where there are several. dnsjava notices a timeout on a
	 * tick of up to 1s, so it may end up to 1s later.
	 */
	@PositiveDuration
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * Shortest time an answer is kept before it is asked again, whatever its TTL (Consul
	 * answers with a TTL of 0 unless told otherwise); also the wait before a failed
	 * lookup is tried again. Between 100ms and 1d.
	 */
	// Its range is checked where DNS discovery is configured, naming both ends.
	private Duration minTtl = Duration.ofSeconds(1);

	/**
	 * Longest time an answer is kept before it is asked again, whatever its TTL. Between
	 * 100ms and 1d.
	 */
	// Its range is checked where DNS discovery is configured, naming both ends.
	private Duration maxTtl = Duration.ofSeconds(60);

	/**
	 * Time after the last call to a service at which its records are no longer kept up to
	 * date; the next call asks DNS again and waits for the answer.
	 */
	@PositiveDuration
	private Duration idleTimeout = Duration.ofMinutes(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getNamePattern() {
		return this.namePattern;
	}

	public void setNamePattern(String namePattern) {
		this.namePattern = namePattern;
	}

	public List<String> getServers() {
		return this.servers;
	}

	public void setServers(List<String> servers) {
		this.servers = servers;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getMinTtl() {
		return this.minTtl;
	}

	public void setMinTtl(Duration minTtl) {
		this.minTtl = minTtl;
	}

	public Duration getMaxTtl() {
		return this.maxTtl;
	}

	public void setMaxTtl(Duration maxTtl) {
		this.maxTtl = maxTtl;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

}
