package io.datapunk.mesh.internal.cache;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Keeps a shared list from weakening what this application's own sources said: an address
 * they gave as secure stays secure in a list read from the shared tier, whatever that
 * list says.
 *
 * @author datapunk mesh team
 */
final class SecureInstances {

	private SecureInstances() {
	}

	static List<ServiceInstance> noWeakerThan(List<ServiceInstance> shared, List<ServiceInstance> own) {
		Set<String> secure = own.stream()
			.filter(ServiceInstance::isSecure)
			.map(SecureInstances::address)
			.collect(Collectors.toSet());
		if (secure.isEmpty()) {
			return shared;
		}
		return shared.stream()
			.map((instance) -> (!instance.isSecure() && secure.contains(address(instance)))
					? (ServiceInstance) new DefaultServiceInstance(instance.getInstanceId(), instance.getServiceId(),
							instance.getHost(), instance.getPort(), true, instance.getMetadata())
					: instance)
			.toList();
	}

	private static String address(ServiceInstance instance) {
		return instance.getHost().toLowerCase(Locale.ROOT) + ":" + instance.getPort();
	}

}
