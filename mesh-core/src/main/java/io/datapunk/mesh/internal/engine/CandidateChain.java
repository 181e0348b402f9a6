package io.datapunk.mesh.internal.engine;

import java.util.List;
import java.util.Set;

import io.datapunk.mesh.internal.discovery.ServiceStateHolder;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.spi.MeshLoadBalancer;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Chooses the instance of each attempt, through one chain of filters: the service's
 * current list → the instances not ejected (all of them in panic mode, or when every one
 * is) → those the call has not tried yet (all, once each was) → those in this
 * application's zone (all, when none is) → the strategy, the configured
 * {@link MeshLoadBalancer}. Every filter keeps at least one instance. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class CandidateChain implements ServiceStateHolder {

	private final MeshLoadBalancer strategy;

	private final ZonePreference zone;

	/**
	 * Create the chain.
	 * @param strategy picks one of the candidates
	 * @param zone this application's zone, or {@code null} for no zone preference
	 */
	CandidateChain(MeshLoadBalancer strategy, String zone) {
		this.strategy = strategy;
		this.zone = (zone != null) ? new ZonePreference(zone) : null;
	}

	/**
	 * Return the instances available to a call: not ejected, unless that leaves none.
	 * What a requeue or retry may still go to is judged among these.
	 * @param current the service's current list, not empty
	 * @param outliers the service's outlier detector, or {@code null} when disabled
	 */
	List<ServiceInstance> available(List<ServiceInstance> current, OutlierDetector outliers) {
		if (outliers == null) {
			return current;
		}
		List<ServiceInstance> available = outliers.select(current);
		// Only with panic mode off (threshold 0): none available means try them all.
		return available.isEmpty() ? current : available;
	}

	/**
	 * Choose the instance of the next attempt among the available ones.
	 * @param serviceId the service
	 * @param available what {@link #available} returned
	 * @param history the call's attempts so far
	 */
	ServiceInstance choose(String serviceId, List<ServiceInstance> available, AttemptHistory history) {
		List<ServiceInstance> candidates = history.untriedOrAll(available);
		if (this.zone != null) {
			candidates = this.zone.apply(serviceId, candidates);
		}
		return this.strategy.choose(serviceId, candidates);
	}

	@Override
	public void release(Set<String> serviceIds) {
		if (this.zone != null) {
			this.zone.release(serviceIds);
		}
	}

}
