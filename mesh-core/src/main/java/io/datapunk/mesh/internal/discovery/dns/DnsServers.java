package io.datapunk.mesh.internal.discovery.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import io.datapunk.mesh.InvalidMeshPropertyException;
import org.xbill.DNS.ResolverConfig;

/**
 * The DNS servers of {@code mesh.discovery.dns.servers}, parsed once at startup, or the
 * system's resolvers when none is given.
 *
 * @author datapunk mesh team
 */
final class DnsServers {

	static final String PROPERTY = "mesh.discovery.dns.servers";

	static final String RULE = "must be DNS servers as host or host:port with a port from 1 to 65535, "
			+ "an IPv6 address in brackets";

	static final String EXAMPLE = "'127.0.0.1:8600' or '10.0.0.2,[fd00::2]:53'";

	private static final int DNS_PORT = 53;

	private DnsServers() {
	}

	/**
	 * Parse the configured servers.
	 * @param servers the servers as configured, may be empty
	 * @return the addresses; the system's resolvers if none was configured
	 * @throws InvalidMeshPropertyException if a server cannot be parsed or its host
	 * cannot be resolved
	 */
	static List<InetSocketAddress> parse(List<String> servers) {
		if (servers == null || servers.isEmpty()) {
			return ResolverConfig.getCurrentConfig().servers();
		}
		List<InetSocketAddress> addresses = new ArrayList<>(servers.size());
		for (String server : servers) {
			addresses.add(parse(server));
		}
		return List.copyOf(addresses);
	}

	private static InetSocketAddress parse(String server) {
		String value = (server != null) ? server.trim() : "";
		String host = value;
		int port = DNS_PORT;
		if (value.startsWith("[")) {
			int close = value.indexOf(']');
			if (close < 0) {
				throw invalid(server);
			}
			host = value.substring(1, close);
			String rest = value.substring(close + 1);
			if (!rest.isEmpty()) {
				port = (rest.startsWith(":")) ? port(rest.substring(1), server) : -1;
			}
		}
		else if (value.indexOf(':') != value.lastIndexOf(':')) {
			// An IPv6 address without brackets: no port can be told apart.
			port = DNS_PORT;
		}
		else if (value.indexOf(':') >= 0) {
			host = value.substring(0, value.indexOf(':'));
			port = port(value.substring(value.indexOf(':') + 1), server);
		}
		if (host.isEmpty() || port < 1 || port > 65535 || host.chars().anyMatch(Character::isWhitespace)) {
			throw invalid(server);
		}
		try {
			return new InetSocketAddress(InetAddress.getByName(host), port);
		}
		catch (UnknownHostException ex) {
			throw new InvalidMeshPropertyException(PROPERTY, server,
					"must be DNS servers whose host names resolve (" + host + " does not)", EXAMPLE);
		}
	}

	private static int port(String text, String server) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw invalid(server);
		}
	}

	private static InvalidMeshPropertyException invalid(String server) {
		return new InvalidMeshPropertyException(PROPERTY, server, RULE, EXAMPLE);
	}

}
