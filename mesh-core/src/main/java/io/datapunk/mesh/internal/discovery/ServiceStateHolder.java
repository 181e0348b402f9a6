package io.datapunk.mesh.internal.discovery;

import java.util.Set;

/**
 * Something that keeps state per called service (a breaker, meters, a cached list, a
 * watch) and lets go of it when {@link IdleServices} finds that nobody called the service
 * for {@code mesh.idle-service-timeout}. Every bean of this type is told; a later call to
 * a released service creates its state again, as a first call would.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ServiceStateHolder {

	/**
	 * Drop what is kept for the given services. Called from the mesh's sweeper thread; a
	 * call to one of them may run at the same time, and must then find either the old
	 * state or none.
	 * @param serviceIds the idle services, never a service configured under
	 * {@code mesh.services}
	 */
	void release(Set<String> serviceIds);

}
