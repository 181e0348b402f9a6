package io.datapunk.mesh.internal.cache;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.datapunk.mesh.test.TestHttpServers;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * A discovery source for the tests: it knows the instances of one service, counts how
 * often it is asked, and can be made to fail as a discovery server that is down would.
 */
public class CountingDiscoveryClient implements DiscoveryClient {

	private final String serviceId;

	private final AtomicInteger calls = new AtomicInteger();

	private volatile List<ServiceInstance> instances;

	private volatile boolean failing;

	public CountingDiscoveryClient(String serviceId, List<ServiceInstance> instances) {
		this.serviceId = serviceId;
		this.instances = instances;
	}

	public static CountingDiscoveryClient of(String serviceId, TestHttpServers servers) {
		return new CountingDiscoveryClient(serviceId,
				servers.all()
					.stream()
					.map((server) -> (ServiceInstance) new DefaultServiceInstance(serviceId + "-" + server.port(),
							serviceId, "127.0.0.1", server.port(), false))
					.toList());
	}

	public int calls() {
		return this.calls.get();
	}

	public void failing(boolean failing) {
		this.failing = failing;
	}

	public void instances(List<ServiceInstance> instances) {
		this.instances = instances;
	}

	@Override
	public String description() {
		return "counting discovery";
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		this.calls.incrementAndGet();
		if (this.failing) {
			throw new IllegalStateException("discovery server is down");
		}
		return this.serviceId.equals(serviceId) ? this.instances : List.of();
	}

	@Override
	public List<String> getServices() {
		return List.of(this.serviceId);
	}

}
