package io.datapunk.mesh;

import org.springframework.context.ApplicationEvent;

/**
 * Published (through the application context) when a discovery source learns that the
 * instance list of a service changed, for example when a Consul watch returns a new
 * index. Layers that keep copies of instance lists (the near cache, other application
 * instances listening on the mesh's Redis channel) drop theirs, so the change reaches the
 * load balancer at once rather than after a cache's time to live.
 *
 * @since 0.1.0
 */
public class ServiceInstancesChangedEvent extends ApplicationEvent {

	private final String serviceId;

	private final String origin;

	/**
	 * Create an event.
	 * @param source the object that saw the change
	 * @param serviceId the service whose instances changed, a valid service name
	 * @param origin a short description of the discovery source, such as {@code "consul"}
	 */
	public ServiceInstancesChangedEvent(Object source, String serviceId, String origin) {
		super(source);
		this.serviceId = serviceId;
		this.origin = origin;
	}

	/**
	 * Return the service whose instances changed.
	 * @return the service name
	 */
	public String getServiceId() {
		return this.serviceId;
	}

	/**
	 * Return the discovery source that saw the change.
	 * @return a short description of the source
	 */
	public String getOrigin() {
		return this.origin;
	}

}
