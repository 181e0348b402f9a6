package io.datapunk.mesh.internal.cache;

import java.util.List;

import io.datapunk.mesh.internal.config.ServiceNames;
import io.datapunk.mesh.ServiceInstancesChangedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.ApplicationListener;

/**
 * Applies a {@link ServiceInstancesChangedEvent} of this application's discovery sources
 * to the cache: the list the event carries takes the place of the one in the JVM at once
 * ({@link CachingMeshDiscovery#accept}) and is shared in the background; an event without
 * a list that can stand for a lookup deletes the shared entry and looks the service up
 * again, in the background too. The other application instances are told, and look their
 * own sources up: a list from Redis never stands for theirs.
 * <p>
 * Runs on the thread that published the event (a Consul watch's, a DNS renewal's):
 * nothing here waits on Redis or a source.
 *
 * @author datapunk mesh team
 */
public final class InstancesChangedListener implements ApplicationListener<ServiceInstancesChangedEvent> {

	private static final Log logger = LogFactory.getLog(InstancesChangedListener.class);

	private final CachingMeshDiscovery cache;

	private final InstancesChangedChannel events;

	public InstancesChangedListener(CachingMeshDiscovery cache, InstancesChangedChannel events) {
		this.cache = cache;
		this.events = events;
	}

	@Override
	public void onApplicationEvent(ServiceInstancesChangedEvent event) {
		String serviceId = event.getServiceId();
		if (!ServiceNames.isValid(serviceId)) {
			logger.warn("Ignored a change of instances of an invalid service name from " + event.getOrigin());
			return;
		}
		List<ServiceInstance> pushed = event.getInstances();
		if (pushed == null || !this.cache.accept(serviceId, event.getSource(), pushed)) {
			this.cache.changed(serviceId);
		}
		if (this.events != null) {
			// Hands the message to the Redis client and returns: no wait.
			this.events.publishInstancesChanged(serviceId);
		}
	}

}
