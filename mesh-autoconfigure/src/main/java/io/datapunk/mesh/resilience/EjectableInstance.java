package io.datapunk.mesh.resilience;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outlier state of one instance of a service, identified by its address: counting
 * failures, ejected until some instant, or readmitted (counting again). The failure count
 * is atomic and changes without a lock. Ejection and readmission happen only under the
 * owning {@link OutlierDetector}'s lock; {@link #ejectedUntil()} may be read without it.
 *
 * @author datapunk mesh team
 */
final class EjectableInstance {

	private final String scheme;

	private final String host;

	private final int port;

	private final URI address;

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private volatile Instant ejectedUntil;

	// The fields below are guarded by the detector's lock.

	private Duration ejectionTime;

	private int multiplier;

	private Instant lastEjectionEnd;

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

	Instant ejectedUntil() {
		return this.ejectedUntil;
	}

	boolean isEjectedAt(Instant now) {
		Instant until = this.ejectedUntil;
		return until != null && now.isBefore(until);
	}

	Duration eject(Instant now, EjectionRules rules) {
		this.multiplier = decayedMultiplier(now, rules) + 1;
		this.ejectionCount = saturatedIncrement(this.ejectionCount);
		this.ejectionTime = rules.ejectionTime(this.multiplier);
		this.ejectedUntil = now.plus(this.ejectionTime);
		this.remoteEjection = false;
		return this.ejectionTime;
	}

	/**
	 * Eject until a given time, as another application instance decided: the multiplier
	 * of this instance's own ejections is left as it is.
	 */
	void ejectUntil(Instant now, Instant until) {
		this.ejectionCount = saturatedIncrement(this.ejectionCount);
		this.ejectionTime = Duration.between(now, until);
		this.ejectedUntil = until;
		this.remoteEjection = true;
	}

	boolean isRemoteEjection() {
		return this.remoteEjection;
	}

	private int decayedMultiplier(Instant now, EjectionRules rules) {
		if (this.multiplier == 0) {
			return 0;
		}
		// Counted from when the last ejection ended, not from when its end was noticed.
		long quietPeriods = rules.baseEjectionTimesIn(Duration.between(this.lastEjectionEnd, now));
		return (int) Math.max(0, this.multiplier - quietPeriods);
	}

	Duration readmit() {
		this.lastEjectionEnd = this.ejectedUntil;
		this.ejectedUntil = null;
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

	InstanceOutlierState toState() {
		Instant until = this.ejectedUntil;
		return new InstanceOutlierState(this.address, this.consecutiveFailures.get(), until != null, until,
				this.ejectionCount);
	}

	private static int saturatedIncrement(int count) {
		return (count != Integer.MAX_VALUE) ? count + 1 : count;
	}

}
