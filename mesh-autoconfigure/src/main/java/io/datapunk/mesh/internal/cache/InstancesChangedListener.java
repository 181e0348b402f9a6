package io.datapunk.mesh.internal.cache;

import io.datapunk.mesh.internal.config.ServiceNames;
import io.datapunk.mesh.ServiceInstancesChangedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationListener;

/**
 * Applies a {@link ServiceInstancesChangedEvent} of this application's discovery sources
 * to the cache: the shared entry is deleted (it is outdated, and this application saw it
 * first), the other application instances are told, and the list in the JVM is dropped
 * and looked up again in the background. The others only drop theirs: deleting too could
 * delete the fresh list this one writes.
 *
 * @author datapunk mesh team
 */
public final class InstancesChangedListener implements ApplicationListener<ServiceInstancesChangedEvent> {

	private static final Log logger = LogFactory.getLog(InstancesChangedListener.class);

	private final CachingMeshDiscovery cache;

	private final SharedInstancesStore shared;

	private final InstancesChangedChannel events;

	public InstancesChangedListener(CachingMeshDiscovery cache, SharedInstancesStore shared,
			InstancesChangedChannel events) {
		this.cache = cache;
		this.shared = shared;
		this.events = events;
	}

	@Override
	public void onApplicationEvent(ServiceInstancesChangedEvent event) {
		String serviceId = event.getServiceId();
		if (!ServiceNames.isValid(serviceId)) {
			logger.warn("Ignored a change of instances of an invalid service name from " + event.getOrigin());
			return;
		}
		// Deleted before the eviction, whose refresh must not read the outdated entry.
		this.shared.delete(serviceId);
		if (this.events != null) {
			this.events.publishInstancesChanged(serviceId);
		}
		this.cache.evict(serviceId);
	}

}
