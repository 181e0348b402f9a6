package io.datapunk.mesh.internal.resilience;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The ejection bookkeeping of one {@link OutlierDetector}: which instances are tracked,
 * how many are ejected against the share of the current list that may be, when the next
 * ejection ends, and the lock under which all of that changes. It decides nothing a
 * person or another application instance hears: the detector logs and tells its listener
 * from what is returned here, outside the lock.
 * <p>
 * Lookups, the ejected count and the test for a due readmission take no lock, as the
 * per-call paths need; tracking, ejection, readmission and forgetting take it. Times are
 * monotonic nanoseconds; the wall clock is read only for what leaves the JVM.
 *
 * @author datapunk mesh team
 */
final class EjectionLedger {

	private static final long READMISSION_SLACK_NANOS = 1_000_000;

	private final EjectionRules rules;

	private final Clock clock;

	private final LongSupplier ticker;

	private final EjectableInstances instances = new EjectableInstances();

	// A ReentrantLock rather than synchronized, which would pin a virtual thread.
	private final ReentrantLock lock = new ReentrantLock();

	// Written under the lock.
	private volatile int ejectedCount;

	// Changes with every ejection and readmission, under the lock: a selection made at
	// one version holds for the same list until the next.
	private volatile int version;

	// Monotonic nanoseconds; Long.MAX_VALUE when nothing is ejected.
	private volatile long nextReadmission = Long.MAX_VALUE;

	private long sweeps;

	// The size of the service's current list, as calls see it; 0 until a call has seen
	// one.
	private volatile int knownInstances;

	EjectionLedger(EjectionRules rules, Clock clock, LongSupplier ticker) {
		this.rules = rules;
		this.clock = clock;
		this.ticker = ticker;
	}

	EjectableInstance find(ServiceInstance instance) {
		return this.instances.find(instance);
	}

	EjectableInstance track(ServiceInstance instance) {
		this.lock.lock();
		try {
			EjectableInstance tracked = this.instances.find(instance);
			return (tracked != null) ? tracked : this.instances.add(instance);
		}
		finally {
			this.lock.unlock();
		}
	}

	int ejectedCount() {
		return this.ejectedCount;
	}

	/**
	 * Return the ejections version: it changes whenever an instance is ejected or
	 * readmitted.
	 */
	int version() {
		return this.version;
	}

	/** Called under the lock, whenever an instance is ejected or readmitted. */
	private void changeEjectedCount(int change) {
		this.ejectedCount = this.ejectedCount + change;
		this.version = this.version + 1;
	}

	int trackedCount() {
		return this.instances.size();
	}

	void setKnownInstances(int knownInstances) {
		this.knownInstances = knownInstances;
	}

	boolean hasRoomForEjection() {
		return this.ejectedCount < maxEjections();
	}

	private int maxEjections() {
		// A share of the current list, never of what is tracked: addresses from elsewhere
		// must not make room for more ejections.
		int known = this.knownInstances;
		return this.rules.maxEjections((known > 0) ? known : this.instances.size());
	}

	/**
	 * Eject an instance that failed too often, for as long as its multiplier says.
	 * @return the ejection, or {@code null} if it no longer applies
	 */
	OwnEjection eject(EjectableInstance tracked) {
		this.lock.lock();
		try {
			// Check again: another thread may have ejected it, readmitted it, reset its
			// count, forgotten it or filled the last place.
			int failures = tracked.consecutiveFailures();
			if (tracked.isForgotten() || tracked.isEjected() || !this.rules.isOutlier(failures)
					|| this.ejectedCount >= maxEjections()) {
				return null;
			}
			long now = this.ticker.getAsLong();
			Duration ejectionTime = tracked.eject(now, this.rules);
			changeEjectedCount(1);
			if (tracked.ejectedUntil() < this.nextReadmission) {
				this.nextReadmission = tracked.ejectedUntil();
			}
			return new OwnEjection(failures, tracked.ejectionCount(), ejectionTime);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Eject a tracked instance until {@code end} (monotonic), as another application
	 * instance decided, within the limit of ejections for a list of {@code listSize}.
	 * @return whether it was ejected, already was until at least then, or was not
	 */
	RemoteEjection ejectUntil(EjectableInstance tracked, long now, long end, int listSize) {
		this.lock.lock();
		try {
			if (tracked.isForgotten()) {
				return RemoteEjection.REFUSED;
			}
			boolean ejected = tracked.isEjected();
			if (ejected && end - tracked.ejectedUntil() <= 0) {
				// Ejected here already, at least as long: a shorter ejection never cuts
				// it.
				return RemoteEjection.ALREADY;
			}
			if (!ejected) {
				if (this.ejectedCount >= this.rules.maxEjections(listSize)) {
					return RemoteEjection.REFUSED;
				}
				changeEjectedCount(1);
			}
			tracked.ejectUntil(now, end);
			if (end < this.nextReadmission) {
				this.nextReadmission = end;
			}
			return RemoteEjection.EJECTED;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Readmit an instance ejected only because another application instance did, if that
	 * ejection lasts no longer than the one that ended there.
	 * @param ejectedUntil the wall-clock end of the ejection that ended
	 * @return {@code true} if the instance is now readmitted
	 */
	boolean readmitRemote(EjectableInstance tracked, Instant ejectedUntil) {
		this.lock.lock();
		try {
			if (!tracked.isEjected() || !tracked.isRemoteEjection()) {
				return false;
			}
			// The ended ejection's wall-clock end, as monotonic time; a millisecond of
			// slack for reading the two clocks apart and events in milliseconds.
			long now = this.ticker.getAsLong();
			long endedAt = now + Duration.between(this.clock.instant(), ejectedUntil).toNanos();
			if (tracked.ejectedUntil() - endedAt > READMISSION_SLACK_NANOS) {
				return false;
			}
			tracked.readmit();
			changeEjectedCount(-1);
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Readmit every instance whose ejection is over.
	 * @param now the monotonic time now
	 * @return the readmissions, for the caller to log and tell outside the lock; empty,
	 * without allocating, while none is due
	 */
	List<Readmission> readmitDue(long now) {
		// Compared directly, not by difference: Long.MAX_VALUE stands for "none", and a
		// monotonic clock does not wrap in 292 years.
		if (now < this.nextReadmission) {
			return List.of();
		}
		List<Readmission> readmissions = new ArrayList<>();
		Instant wallNow = this.clock.instant();
		this.lock.lock();
		try {
			long next = Long.MAX_VALUE;
			for (EjectableInstance tracked : this.instances.all()) {
				long until = tracked.ejectedUntil();
				if (tracked.isEjected() && now - until >= 0) {
					boolean remote = tracked.isRemoteEjection();
					readmissions.add(new Readmission(tracked.address(), tracked.readmit(),
							wallNow.minusNanos(now - until), remote));
					changeEjectedCount(-1);
				}
				else if (tracked.isEjected() && until < next) {
					next = until;
				}
			}
			this.nextReadmission = next;
		}
		finally {
			this.lock.unlock();
		}
		return readmissions;
	}

	/**
	 * Stop tracking the instances neither in the current list nor ejected.
	 */
	void forgetAbsent(List<ServiceInstance> current) {
		this.lock.lock();
		try {
			long sweep = ++this.sweeps;
			for (ServiceInstance instance : current) {
				EjectableInstance tracked = this.instances.find(instance);
				if (tracked != null) {
					tracked.markSeen(sweep);
				}
			}
			for (EjectableInstance tracked : this.instances.all()) {
				// An ejected instance is kept: it may come back into the list before its
				// time is up, and it counts against the maximum until then.
				if (!tracked.wasSeen(sweep) && !tracked.isEjected()) {
					this.instances.remove(tracked);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return the state of each tracked instance, ordered by address.
	 * @param now the monotonic time now
	 * @param wallNow the wall-clock time now, for the ends of ejections shown
	 */
	List<InstanceOutlierState> snapshot(long now, Instant wallNow) {
		this.lock.lock();
		try {
			return this.instances.all()
				.stream()
				.map((tracked) -> tracked.toState(wallNow, now))
				.sorted(Comparator.comparing(InstanceOutlierState::instance))
				.toList();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * An ejection the detector decided itself.
	 *
	 * @param failures the consecutive failures that caused it
	 * @param ejection how many times the instance has been ejected
	 * @param ejectionTime how long it lasts
	 */
	record OwnEjection(int failures, int ejection, Duration ejectionTime) {
	}

	/**
	 * An ejection that ended.
	 *
	 * @param address the instance's address
	 * @param ejectionTime how long it lasted
	 * @param ejectedUntil its wall-clock end
	 * @param remote whether another application instance decided it, so that it is not
	 * told again
	 */
	record Readmission(URI address, Duration ejectionTime, Instant ejectedUntil, boolean remote) {
	}

	enum RemoteEjection {

		REFUSED, ALREADY, EJECTED

	}

}
