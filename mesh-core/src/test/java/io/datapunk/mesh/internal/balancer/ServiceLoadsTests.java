package io.datapunk.mesh.internal.balancer;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's loads are found by host and port, whichever object names the instance.
 */
class ServiceLoadsTests {

	private final ServiceLoads loads = new ServiceLoads(InstanceLoads.DEFAULT_DECAY.toNanos());

	@Test
	void theSameAddressShouldShareOneLoadAndAnotherPortShouldNot() {
		InstanceLoad load = this.loads.of(instance("a", "10.0.0.1", 8080));
		// Positive control first: another object with the same address, as a second
		// discovery source returns it.
		assertThat(this.loads.of(instance("b", "10.0.0.1", 8080))).isSameAs(load);
		assertThat(this.loads.of(instance("c", "10.0.0.1", 8081))).isNotSameAs(load);
		assertThat(this.loads.of(instance("d", "10.0.0.2", 8080))).isNotSameAs(load);
		assertThat(this.loads.size()).isEqualTo(3);
	}

	@Test
	void retainShouldKeepListedInstancesAndThoseWithRequestsInFlight() {
		ServiceInstance listed = instance("a", "10.0.0.1", 8080);
		ServiceInstance busy = instance("b", "10.0.0.1", 8081);
		ServiceInstance gone = instance("c", "10.0.0.2", 8080);
		InstanceLoad listedLoad = this.loads.of(listed);
		InstanceLoad busyLoad = this.loads.of(busy);
		InstanceLoad goneLoad = this.loads.of(gone);
		busyLoad.begin();
		this.loads.retain(List.of(listed));
		assertThat(this.loads.size()).isEqualTo(2);
		assertThat(this.loads.of(listed)).isSameAs(listedLoad);
		assertThat(this.loads.of(busy)).isSameAs(busyLoad);
		assertThat(this.loads.of(gone)).isNotSameAs(goneLoad);
	}

	@Test
	void anInstanceWithoutHostShouldStillHaveALoad() {
		ServiceInstance noHost = instance("a", null, 8080);
		assertThat(this.loads.of(noHost)).isSameAs(this.loads.of(noHost));
	}

	private static ServiceInstance instance(String id, String host, int port) {
		return new DefaultServiceInstance(id, "inventory", host, port, false);
	}

}
