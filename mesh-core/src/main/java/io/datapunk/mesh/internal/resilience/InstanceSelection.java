package io.datapunk.mesh.internal.resilience;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.cloud.client.ServiceInstance;

/**
 * What {@link OutlierDetector#select} hands out for a list at an ejections version: kept
 * by the detector so that the calls during an ejection, which see the same list and the
 * same ejections, neither scan the list nor allocate.
 *
 * @param from the list
 * @param version the ejections version it was made at
 * @param selected the instances not ejected, read-only (all of them in panic mode)
 * @param panic whether too few are left, so that all are used
 * @author datapunk mesh team
 */
record InstanceSelection(List<ServiceInstance> from, int version, List<ServiceInstance> selected, boolean panic) {

	static InstanceSelection of(List<ServiceInstance> instances, int version, Predicate<ServiceInstance> ejected,
			EjectionRules rules) {
		int size = instances.size();
		int available = 0;
		for (ServiceInstance instance : instances) {
			available += ejected.test(instance) ? 0 : 1;
		}
		if (available == size) {
			return new InstanceSelection(instances, version, instances, false);
		}
		if (rules.isPanic(available, size)) {
			return new InstanceSelection(instances, version, instances, true);
		}
		List<ServiceInstance> selected = new ArrayList<>(available);
		for (ServiceInstance instance : instances) {
			if (!ejected.test(instance)) {
				selected.add(instance);
			}
		}
		// Shared by the calls that follow: read-only.
		return new InstanceSelection(instances, version, Collections.unmodifiableList(selected), false);
	}

}
