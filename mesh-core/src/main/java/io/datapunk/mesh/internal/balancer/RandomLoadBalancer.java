package io.datapunk.mesh.internal.balancer;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.cloud.client.ServiceInstance;
import io.datapunk.mesh.spi.MeshLoadBalancer;

/**
 * {@link MeshLoadBalancer} that picks an instance at random, each equally likely.
 * Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public class RandomLoadBalancer implements MeshLoadBalancer {

	@Override
	public ServiceInstance choose(String serviceId, List<ServiceInstance> instances) {
		return instances.get(ThreadLocalRandom.current().nextInt(instances.size()));
	}

}
