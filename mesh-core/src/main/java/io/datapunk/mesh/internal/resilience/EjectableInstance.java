package io.datapunk.mesh.internal.resilience;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outlier state of one instance of a service, identified by its address: counting
 * failures, ejected until some instant, or readmitted (counting again). The failure count
 * is atomic and changes without a lock. Ejection and readmission happen only under the
 * owning {@link OutlierDetector}'s lock; {@link #isEjectedAt(long)} may be read without
 * it. Times are monotonic nanoseconds ({@code System.nanoTime()}), compared by
 * difference.
 *
 * @author datapunk mesh team
 */
final class EjectableInstance {

	private final String scheme;

	private final String host;

	private final int port;

	private final URI address;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	/** Monotonic nanoseconds at which the ejection ends; meaningless unless ejected. */
	private volatile long ejectedUntil;

	private volatile boolean ejected;

	// The fields below are guarded by the detector's lock.

	private Duration ejectionTime;

	private int multiplier;

	private long lastEjectionEnd;

	private int ejectionCount;

	private boolean remoteEjection;

	private long lastSeen;

	private boolean forgotten;

	EjectableInstance(String scheme, String host, int port) {
		this.scheme = scheme;
		this.host = host;
		this.port = port;
		// An IPv6 literal needs brackets to be a URI host.
		boolean ipv6 = host.indexOf(':') >= 0 && !host.startsWith("[");
		this.address = URI.create(scheme + "://" + (ipv6 ? "[" + host + "]" : host) + ":" + port);
	}

	boolean hasAddress(String scheme, int port) {
		return this.port == port && this.scheme.equalsIgnoreCase(scheme);
	}

	String host() {
		return this.host;
	}

	URI address() {
		return this.address;
	}

	int recordFailure() {
		// Saturate: an instance refused ejection for want of room keeps counting, perhaps
		// for weeks, and must not wrap to a negative count.
		return this.consecutiveFailures.updateAndGet(EjectableInstance::saturatedIncrement);
	}

	void recordSuccess() {
		// Read before writing: most successes find nothing to reset, and a write would
		// contend for the cache line on every call.
		if (this.consecutiveFailures.get() != 0) {
			this.consecutiveFailures.set(0);
		}
	}

	int consecutiveFailures() {
		return this.consecutiveFailures.get();
	}

	boolean isEjected() {
		return this.ejected;
	}

	/**
	 * Return when the ejection ends, in monotonic nanoseconds; only while
	 * {@link #isEjected()}.
	 */
	long ejectedUntil() {
		return this.ejectedUntil;
	}

	boolean isEjectedAt(long now) {
		return this.ejected && now - this.ejectedUntil < 0;
	}

	Duration eject(long now, EjectionRules rules) {
		this.multiplier = decayedMultiplier(now, rules) + 1;
		this.ejectionCount = saturatedIncrement(this.ejectionCount);
		this.ejectionTime = rules.jittered(rules.ejectionTime(this.multiplier));
		this.ejectedUntil = now + this.ejectionTime.toNanos();
		this.ejected = true;
		this.remoteEjection = false;
		return this.ejectionTime;
	}

	/**
	 * Eject until a given time, as another application instance decided: the multiplier
	 * of this instance's own ejections is left as it is.
	 */
	void ejectUntil(long now, long until) {
		// An ejection of this detector's own that another one lengthens stays its own:
		// a readmission from elsewhere must not lift it.
		boolean ownEjection = this.ejected && !this.remoteEjection;
		this.ejectionCount = saturatedIncrement(this.ejectionCount);
		this.ejectionTime = Duration.ofNanos(until - now);
		this.ejectedUntil = until;
		this.ejected = true;
		this.remoteEjection = !ownEjection;
	}

	boolean isRemoteEjection() {
		return this.remoteEjection;
	}

	private int decayedMultiplier(long now, EjectionRules rules) {
		if (this.multiplier == 0) {
			return 0;
		}
		// Counted from when the last ejection ended, not from when its end was noticed.
		long quietPeriods = rules.baseEjectionTimesIn(Duration.ofNanos(now - this.lastEjectionEnd));
		return (int) Math.max(0, this.multiplier - quietPeriods);
	}

	Duration readmit() {
		this.lastEjectionEnd = this.ejectedUntil;
		this.ejected = false;
		this.consecutiveFailures.set(0);
		return this.ejectionTime;
	}

	int ejectionCount() {
		return this.ejectionCount;
	}

	void markSeen(long sweep) {
		this.lastSeen = sweep;
	}

	boolean wasSeen(long sweep) {
		return this.lastSeen == sweep;
	}

	void forget() {
		this.forgotten = true;
	}

	boolean isForgotten() {
		return this.forgotten;
	}

	/**
	 * Return the state, its end of ejection told in wall-clock time (for people and
	 * events) from the monotonic one.
	 * @param wallNow the wall-clock time now
	 * @param now the monotonic time now
	 */
	InstanceOutlierState toState(Instant wallNow, long now) {
		boolean isEjected = this.ejected;
		Instant until = isEjected ? wallNow.plusNanos(this.ejectedUntil - now) : null;
		return new InstanceOutlierState(this.address, this.consecutiveFailures.get(), isEjected, until,
				this.ejectionCount);
	}

	private static int saturatedIncrement(int count) {
		return (count != Integer.MAX_VALUE) ? count + 1 : count;
	}

}
