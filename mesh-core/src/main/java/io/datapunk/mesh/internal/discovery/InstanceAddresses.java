package io.datapunk.mesh.internal.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The one rule for instance addresses that enter the mesh from outside (Consul, DNS,
 * Redis, any {@code DiscoveryClient}): a host that {@link URI} reads as a host name or IP
 * address (so no space, {@code %} or {@code _}; an IPv6 literal without zone) and a port
 * from 1 to 65535. Such sources accept addresses no HTTP client can call; an instance
 * that breaks the rule is dropped where it enters, with one WARN per source, service and
 * address (at most {@value #MAX_WARNED} of them are remembered), rather than fail every
 * call that picks it. Thread-safe.
 *
 * @since 0.1.0
 */
public final class InstanceAddresses {

	private static final Log logger = LogFactory.getLog(InstanceAddresses.class);

	/** How many dropped addresses are remembered so that each is logged once. */
	static final int MAX_WARNED = 10_000;

	private static final Set<String> warned = ConcurrentHashMap.newKeySet();

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
		if (port < 1 || port > 65535) {
			return "the port must be from 1 to 65535";
		}
		String host = instance.getHost();
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
		String address = describe(instance.getHost()) + ":" + instance.getPort();
		String key = source + '\n' + serviceId + '\n' + address;
		if (warned.size() < MAX_WARNED && warned.add(key) && logger.isWarnEnabled()) {
			logger.warn(
					"Dropped instance " + address + " of service '" + serviceId + "' from " + source + ": " + problem);
		}
	}

	/**
	 * Describe a host for a log line: cut short, control characters escaped, so that a
	 * hostile source cannot forge log lines.
	 */
	private static String describe(String host) {
		if (host == null) {
			return "(none)";
		}
		StringBuilder described = new StringBuilder(Math.min(host.length(), 100) + 8);
		for (int i = 0; i < host.length() && i < 100; i++) {
			char c = host.charAt(i);
			described.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
		}
		return (host.length() > 100) ? described.append("...").toString() : described.toString();
	}

}
