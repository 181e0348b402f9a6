package io.datapunk.mesh.internal.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

import io.datapunk.mesh.internal.support.LogSafe;
import io.datapunk.mesh.internal.support.RateLimitedWarnings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The one rule for instance addresses that enter the mesh from outside (Consul, DNS,
 * Redis, any {@code DiscoveryClient}): a host that {@link URI} reads as a host name or IP
 * address (so no space, {@code %} or {@code _}; an IPv6 literal without zone) and a port
 * from 1 to 65535 ({@link #isHost}, {@link #isPort}: the values read from Redis are held
 * to it too). Such sources accept addresses no HTTP client can call; an instance that
 * breaks the rule is dropped where it enters, with one WARN per source, service and
 * address (at most {@value #MAX_WARNED} of them are remembered), rather than fail every
 * call that picks it. Thread-safe.
 *
 * @since 0.1.0
 */
public final class InstanceAddresses {

	private static final Log logger = LogFactory.getLog(InstanceAddresses.class);

	/** How many dropped addresses are remembered so that each is logged once. */
	static final int MAX_WARNED = 10_000;

	private static final RateLimitedWarnings warnings = RateLimitedWarnings.once(logger, MAX_WARNED);

	private InstanceAddresses() {
	}

	/**
	 * Return the instances whose address can be called, dropping the others with one WARN
	 * each.
	 * @param source where the instances come from, for the log
	 * @param serviceId the service
	 * @param instances the instances as the source gave them
	 * @return the same list if every address can be called, else a copy without the
	 * others
	 */
	public static List<ServiceInstance> usable(String source, String serviceId, List<ServiceInstance> instances) {
		List<ServiceInstance> usable = null;
		for (int i = 0; i < instances.size(); i++) {
			ServiceInstance instance = instances.get(i);
			String problem = problem(instance);
			if (problem != null) {
				if (usable == null) {
					usable = new ArrayList<>(instances.subList(0, i));
				}
				warnOnce(source, serviceId, instance, problem);
			}
			else if (usable != null) {
				usable.add(instance);
			}
		}
		return (usable != null) ? List.copyOf(usable) : instances;
	}

	/**
	 * Return what is wrong with an instance's address.
	 * @param instance the instance
	 * @return the broken rule, or {@code null} if the address can be called
	 */
	public static String problem(ServiceInstance instance) {
		if (instance == null) {
			return "no instance";
		}
		int port = instance.getPort();
		if (!isPort(port)) {
			return "the port must be from 1 to 65535";
		}
		return hostProblem(instance.getHost(), port);
	}

	/**
	 * Return whether a port can be called.
	 * @param port the port
	 * @return {@code true} if it is from 1 to 65535
	 */
	public static boolean isPort(int port) {
		return port >= 1 && port <= 65535;
	}

	/**
	 * Return whether a host can be called: a host name or IP address (an IPv6 literal
	 * with or without brackets), at most 255 characters.
	 * @param host the host, may be {@code null}
	 * @return {@code true} if it can be called
	 */
	public static boolean isHost(String host) {
		return hostProblem(host, 80) == null;
	}

	private static String hostProblem(String host, int port) {
		if (host == null || host.isEmpty() || host.length() > 255) {
			return "no host, or a host over 255 characters";
		}
		boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
		try {
			URI uri = new URI("http://" + (ipv6 ? "[" + host + "]" : host) + ":" + port);
			if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getPort() != port) {
				return "the host is not a host name or IP address";
			}
			return null;
		}
		catch (URISyntaxException ex) {
			return "the host is not a host name or IP address";
		}
	}

	private static void warnOnce(String source, String serviceId, ServiceInstance instance, String problem) {
		String address = LogSafe.escape(instance.getHost(), 100) + ":" + instance.getPort();
		warnings.warn(source + '\n' + serviceId + '\n' + address,
				"Dropped instance " + address + " of service '" + serviceId + "' from " + source + ": " + problem);
	}

}
