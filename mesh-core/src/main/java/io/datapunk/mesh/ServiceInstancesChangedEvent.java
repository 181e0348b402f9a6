package io.datapunk.mesh;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.ApplicationEvent;

/**
 * Published (through the application context) when a discovery source learns that the
 * instance list of a service changed, for example when a Consul watch returns a new
 * index. The event carries the new list itself: the near cache takes it in place of the
 * one it holds (through the same address rules as a list it looks up), so the change
 * reaches the load balancer at once, without a round trip through Redis or the sources;
 * other application instances are told through the mesh's Redis channel and look their
 * own sources up.
 *
 * @since 0.1.0
 */
public class ServiceInstancesChangedEvent extends ApplicationEvent {

	private final String serviceId;

	private final String origin;

	private final List<ServiceInstance> instances;

	/**
	 * Create an event that names the service only: whoever keeps a list of it looks it up
	 * again.
	 * @param source the object that saw the change
	 * @param serviceId the service whose instances changed, a valid service name
	 * @param origin a short description of the discovery source, such as {@code "consul"}
	 */
	public ServiceInstancesChangedEvent(Object source, String serviceId, String origin) {
		this(source, serviceId, origin, null);
	}

	/**
	 * Create an event that carries the new list.
	 * @param source the object that saw the change: a {@link PushingDiscoveryClient}
	 * tells whether it is its own
	 * @param serviceId the service whose instances changed, a valid service name
	 * @param origin a short description of the discovery source, such as {@code "consul"}
	 * @param instances the new list, as the source's own lookup would return it, or
	 * {@code null} if only the change is known
	 */
	public ServiceInstancesChangedEvent(Object source, String serviceId, String origin,
			List<ServiceInstance> instances) {
		super(source);
		this.serviceId = serviceId;
		this.origin = origin;
		this.instances = (instances != null) ? List.copyOf(instances) : null;
	}

	/**
	 * Return the new list of the source that saw the change.
	 * @return the instances, or {@code null} if the event names the change only
	 */
	public List<ServiceInstance> getInstances() {
		return this.instances;
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
