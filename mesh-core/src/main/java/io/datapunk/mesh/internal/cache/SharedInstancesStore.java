package io.datapunk.mesh.internal.cache;

/**
 * The shared tier of the discovery cache. Reads are bounded in time and return
 * {@code null} rather than fail; writes never block, deletes wait at most that time.
 *
 * @author datapunk mesh team
 */
public interface SharedInstancesStore {

	/**
	 * A store that holds nothing, when there is no Redis.
	 */
	SharedInstancesStore NONE = new SharedInstancesStore() {

		@Override
		public SharedInstances read(String serviceId, CacheCounters counters) {
			return null;
		}

		@Override
		public void write(SharedInstances instances) {
		}

		@Override
		public void delete(String serviceId) {
		}

		@Override
		public boolean isEnabled() {
			return false;
		}

		@Override
		public String state() {
			return "disabled";
		}

	};

	/**
	 * Read the shared list of a service, counting an error in the counters if the tier
	 * failed.
	 * @param serviceId the service
	 * @param counters where errors are counted
	 * @return the list, or {@code null} if there is none, or it could not be read
	 */
	SharedInstances read(String serviceId, CacheCounters counters);

	void write(SharedInstances instances);

	/**
	 * Write a list, counting an error in the counters if the tier fails: the cache reads
	 * the tier only when its sources fail, so its writes tell whether the tier works.
	 * @param instances the list
	 * @param counters where errors are counted
	 */
	default void write(SharedInstances instances, CacheCounters counters) {
		write(instances);
	}

	void delete(String serviceId);

	boolean isEnabled();

	String state();

}
