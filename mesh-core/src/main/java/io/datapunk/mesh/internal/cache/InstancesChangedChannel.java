package io.datapunk.mesh.internal.cache;

import java.util.function.Consumer;

/**
 * Where changed instance lists are told to, and heard from, the other application
 * instances. Free of Redis types, so that the cache's auto-configuration can name it
 * whether or not Redis is on the class path.
 *
 * @author datapunk mesh team
 */
public interface InstancesChangedChannel {

	/**
	 * Tell the others that a service's instance list changed.
	 */
	void publishInstancesChanged(String serviceId);

	/**
	 * Add a listener for the services whose instance lists the others saw change.
	 */
	void addInstancesChangedListener(Consumer<String> listener);

}
