package io.datapunk.mesh.internal.resilience;

import java.net.URI;
import java.util.List;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Instances named by address in an ejection or readmission from elsewhere, matched to the
 * tracked ones by scheme, host and port.
 *
 * @author datapunk mesh team
 */
final class RemoteInstances {

	private RemoteInstances() {
	}

	static ServiceInstance of(String serviceId, URI address) {
		boolean secure = "https".equalsIgnoreCase(address.getScheme());
		String host = address.getHost();
		// URI keeps the brackets of an IPv6 literal; discovery clients do not.
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		return new DefaultServiceInstance(null, serviceId, host, address.getPort(), secure);
	}

	/**
	 * Tell whether an instance named from elsewhere is in a list, by scheme, host and
	 * port.
	 */
	static boolean isIn(ServiceInstance remote, List<ServiceInstance> instances) {
		String scheme = EjectableInstances.schemeOf(remote);
		for (ServiceInstance instance : instances) {
			if (instance.getPort() == remote.getPort() && remote.getHost().equalsIgnoreCase(instance.getHost())
					&& scheme.equalsIgnoreCase(EjectableInstances.schemeOf(instance))) {
				return true;
			}
		}
		return false;
	}

}
