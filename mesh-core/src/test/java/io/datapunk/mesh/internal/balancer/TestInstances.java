package io.datapunk.mesh.internal.balancer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import io.datapunk.mesh.spi.MeshLoadBalancer;

/**
 * Instances of a service for balancer tests, at 10.0.0.i:8080.
 */
public final class TestInstances {

	private TestInstances() {
	}

	public static List<ServiceInstance> of(String serviceId, int count) {
		List<ServiceInstance> instances = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			instances.add(new DefaultServiceInstance(serviceId + "-" + i, serviceId, "10.0.0." + i, 8080, false));
		}
		return instances;
	}

	public static ServiceInstance withMetadata(String serviceId, int index, Map<String, String> metadata) {
		return new DefaultServiceInstance(serviceId + "-" + index, serviceId, "10.0.0." + index, 8080, false, metadata);
	}

	public static Map<String, Integer> countPicks(MeshLoadBalancer balancer, List<ServiceInstance> instances,
			int picks) {
		Map<String, Integer> counts = new java.util.TreeMap<>();
		for (int i = 0; i < picks; i++) {
			counts.merge(balancer.choose(instances.get(0).getServiceId(), instances).getInstanceId(), 1, Integer::sum);
		}
		return counts;
	}

}
