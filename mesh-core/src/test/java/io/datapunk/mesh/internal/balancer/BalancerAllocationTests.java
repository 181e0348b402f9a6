package io.datapunk.mesh.internal.balancer;

import java.lang.management.ManagementFactory;
import java.util.List;

import io.datapunk.mesh.spi.MeshLoadBalancer;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load-aware balancers choose without allocating, as every call does it.
 */
class BalancerAllocationTests {

	private final InstanceLoads loads = new InstanceLoads();

	private final List<ServiceInstance> instances = TestInstances.of("inventory", 30);

	@Test
	void peakEwmaShouldNotAllocateWhenChoosing() {
		assertThat(allocatedByChoices(new PeakEwmaLoadBalancer(this.loads))).isLessThan(10_000);
	}

	@Test
	void leastRequestShouldNotAllocateWhenChoosing() {
		assertThat(allocatedByChoices(new LeastRequestLoadBalancer(this.loads))).isLessThan(10_000);
	}

	private long allocatedByChoices(MeshLoadBalancer balancer) {
		// Every instance has its load already, as after the first calls.
		this.instances.forEach((instance) -> this.loads.of("inventory", instance));
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		// Positive control: the counter sees allocation on this thread.
		long control = threads.getCurrentThreadAllocatedBytes();
		byte[] allocated = new byte[100_000];
		assertThat(threads.getCurrentThreadAllocatedBytes() - control).isGreaterThanOrEqualTo(allocated.length);
		long before = threads.getCurrentThreadAllocatedBytes();
		for (int i = 0; i < 10_000; i++) {
			balancer.choose("inventory", this.instances);
		}
		// An address key or a lambda per choice would be hundreds of kilobytes.
		return threads.getCurrentThreadAllocatedBytes() - before;
	}

}
