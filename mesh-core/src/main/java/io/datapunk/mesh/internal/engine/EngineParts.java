package io.datapunk.mesh.internal.engine;

import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.spi.MeshDiscovery;

/**
 * What every call of an engine shares. Immutable.
 *
 * @param discovery where instances come from
 * @param chain chooses each attempt's instance
 * @param loads where each attempt's latency and in-flight count are reported
 * @param observer observes each attempt
 * @param clock the engine's time
 * @param propagateDeadlines whether each attempt tells the instance the time it has
 */
record EngineParts(MeshDiscovery discovery, CandidateChain chain, InstanceLoads loads, AttemptObserver observer,
		CallClock clock, boolean propagateDeadlines) {

	EngineParts withObserver(AttemptObserver observer) {
		return new EngineParts(this.discovery, this.chain, this.loads, observer, this.clock, this.propagateDeadlines);
	}

}
