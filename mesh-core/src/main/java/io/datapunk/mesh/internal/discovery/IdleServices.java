package io.datapunk.mesh.internal.discovery;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * When each called service was last called, so that the state the mesh keeps per service
 * is let go once nobody called it for {@code mesh.idle-service-timeout}: a typo, or a
 * host name taken from user input, costs memory only until then. Services configured
 * under {@code mesh.services} are never released: their state exists from startup, and
 * readiness may depend on them.
 * <p>
 * Times come from a monotonic ticker ({@link System#nanoTime()}), so a step of the wall
 * clock neither releases a service in use nor keeps an idle one. Thread-safe: a call
 * writes one volatile field of its service's entry (a first call adds the entry);
 * {@link #sweep} runs on one thread.
 *
 * @since 0.1.0
 */
public class IdleServices {

	private static final Log logger = LogFactory.getLog(IdleServices.class);

	private final long idleNanos;

	private final Set<String> pinned;

	private final LongSupplier ticker;

	private final Map<String, LastUse> lastUses = new ConcurrentHashMap<>();

	/**
	 * Create the tracker on {@link System#nanoTime()}.
	 * @param idleTimeout time after its last call at which a service is released
	 * @param pinned services never released
	 */
	public IdleServices(Duration idleTimeout, Set<String> pinned) {
		this(idleTimeout, pinned, System::nanoTime);
	}

	/**
	 * Create the tracker.
	 * @param idleTimeout time after its last call at which a service is released
	 * @param pinned services never released
	 * @param ticker monotonic nanoseconds
	 */
	public IdleServices(Duration idleTimeout, Set<String> pinned, LongSupplier ticker) {
		if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
			throw new IllegalArgumentException("idleTimeout must be > 0, but was " + idleTimeout);
		}
		this.idleNanos = idleTimeout.toNanos();
		this.pinned = Set.copyOf(pinned);
		this.ticker = ticker;
	}

	/**
	 * Record a call to a service, before anything is looked up or created for it.
	 * @param serviceId a valid service name
	 */
	public void touch(String serviceId) {
		if (this.pinned.contains(serviceId)) {
			return;
		}
		LastUse lastUse = this.lastUses.get(serviceId);
		if (lastUse != null) {
			lastUse.at = this.ticker.getAsLong();
			if (!lastUse.released) {
				return;
			}
			// The sweeper released it between the read and the write: start over, so
			// that what this call creates is tracked.
		}
		this.lastUses.compute(serviceId, (id, current) -> (current != null && !current.released) ? current
				: new LastUse(this.ticker.getAsLong()));
	}

	/**
	 * Return the time a service's state would be released after its last call.
	 * @return the idle timeout
	 */
	public Duration idleTimeout() {
		return Duration.ofNanos(this.idleNanos);
	}

	/**
	 * Return how many services are tracked: called and not released yet.
	 * @return the count
	 */
	public int size() {
		return this.lastUses.size();
	}

	/**
	 * Release every service nobody called for the idle timeout: forget it here, then tell
	 * the holders.
	 * @param holders what keeps state per service
	 * @return the released services
	 */
	public Set<String> sweep(Collection<? extends ServiceStateHolder> holders) {
		long now = this.ticker.getAsLong();
		Set<String> idle = new HashSet<>();
		this.lastUses.forEach((serviceId, lastUse) -> {
			if (now - lastUse.at >= this.idleNanos && lastUse.release(now, this.idleNanos)) {
				this.lastUses.remove(serviceId, lastUse);
				idle.add(serviceId);
			}
		});
		if (idle.isEmpty()) {
			return idle;
		}
		Set<String> released = Set.copyOf(idle);
		for (ServiceStateHolder holder : holders) {
			try {
				holder.release(released);
			}
			catch (RuntimeException ex) {
				// One holder's failure must not keep the others' state.
				logger.warn("Could not release the state of " + released.size() + " idle service(s) in " + holder, ex);
			}
		}
		logger.debug("Released the state of " + released.size() + " service(s) not called for "
				+ Duration.ofNanos(this.idleNanos));
		return released;
	}

	/**
	 * A service's last call. A call writes {@code at} and then reads {@code released};
	 * the sweeper sets {@code released} and then reads {@code at}: being volatile, one of
	 * the two sees the other's write, so a call racing a release either keeps the entry
	 * or makes a new one.
	 */
	private static final class LastUse {

		volatile long at;

		volatile boolean released;

		LastUse(long at) {
			this.at = at;
		}

		boolean release(long now, long idleNanos) {
			this.released = true;
			if (now - this.at < idleNanos) {
				// A call came in meanwhile: keep it.
				this.released = false;
				return false;
			}
			return true;
		}

	}

}
