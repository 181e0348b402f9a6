package io.datapunk.mesh.internal.resilience;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.util.Assert;

/**
 * Ejects the instances of one service that fail again and again, for a while, so that
 * calls go to the others, in the manner of Envoy's outlier detection and gRPC A50.
 * Instances are told apart by address ({@code scheme://host:port}), not by instance id.
 * <p>
 * Each instance is <em>counting</em> its consecutive failures until a success resets the
 * count or the count reaches {@code consecutiveFailures}; then it is <em>ejected</em> for
 * {@code baseEjectionTime} times the number of its ejections (at most
 * {@code maxEjectionTime}), a number that drops by one for each {@code baseEjectionTime}
 * the instance then stays in. When the time is up it is <em>readmitted</em>, with a count
 * of zero, and counting again. Readmission is lazy: it is noticed by the next call that
 * looks. An ejection that would leave more than {@code maxEjectionRatio} of the instances
 * ejected (but at least one may always be) does not happen; the instance stays in and
 * keeps counting. If fewer than {@code panicThreshold} of the instances would be left,
 * {@link #select} returns all of them (panic mode): a call to a doubtful instance is
 * better than no call.
 * <p>
 * What counts as a failure or a success of an instance is not decided here: the call
 * engine's outcome classifier judges each attempt and reports it with {@link #onFailure}
 * or {@link #onSuccess}.
 * <p>
 * Ejections and readmissions this detector decides are told to its
 * {@link OutlierListener}; those other application instances decided are applied with
 * {@link #applyEjection} and {@link #applyReadmission}, within this detector's own
 * limits, and not told again.
 * <p>
 * Thread-safe. {@link #onSuccess} and, while the ejections stay the same, {@link #select}
 * neither lock nor allocate; failure counting is lock-free; only ejection, readmission
 * and starting or stopping to track an instance take a lock. That bookkeeping is an
 * {@link EjectionLedger}'s, and an {@link EjectionAnnouncer} tells of its changes; this
 * class coordinates them with the calls and the list they see.
 *
 * @since 0.1.0
 */
public final class OutlierDetector {

	private final String serviceId;

	private final EjectionRules rules;

	/** Wall-clock time: only for what people and other application instances read. */
	private final Clock clock;

	/** Monotonic nanoseconds: every duration the detector measures. */
	private final LongSupplier ticker;

	private final EjectionLedger ledger;

	private final EjectionAnnouncer announcer;

	// Written by select: the service's current list, as calls see it.
	private volatile List<ServiceInstance> currentInstances = List.of();

	private volatile boolean panicking;

	// The last selection made while something was ejected, so that calls during an
	// ejection (tens of seconds of them) neither scan the list nor allocate.
	private volatile InstanceSelection lastSelection;

	/**
	 * Create a detector for one service.
	 * @param serviceId the service whose instances are watched, for log messages
	 * @param consecutiveFailures the failures in a row that eject an instance
	 * @param baseEjectionTime how long a first ejection lasts
	 * @param maxEjectionTime the longest an ejection lasts, however often repeated
	 * @param maxEjectionRatio the largest share of instances ejected at once, from 0 to 1
	 * @param panicThreshold the share of instances below which all are used, from 0 to 1;
	 * 0 turns panic mode off
	 * @param clock the source of time
	 * @throws IllegalArgumentException if an argument is out of range
	 */
	public OutlierDetector(String serviceId, int consecutiveFailures, Duration baseEjectionTime,
			Duration maxEjectionTime, double maxEjectionRatio, double panicThreshold, Clock clock) {
		this(serviceId, consecutiveFailures, baseEjectionTime, maxEjectionTime, maxEjectionRatio, panicThreshold, clock,
				OutlierListener.NONE);
	}

	/**
	 * Create a detector for one service that tells a listener of its own ejections and
	 * readmissions.
	 * @param serviceId the service whose instances are watched, for log messages
	 * @param consecutiveFailures the failures in a row that eject an instance
	 * @param baseEjectionTime how long a first ejection lasts
	 * @param maxEjectionTime the longest an ejection lasts, however often repeated
	 * @param maxEjectionRatio the largest share of instances ejected at once, from 0 to 1
	 * @param panicThreshold the share of instances below which all are used, from 0 to 1;
	 * 0 turns panic mode off
	 * @param clock the source of time
	 * @param listener told of ejections and readmissions this detector decides
	 * @throws IllegalArgumentException if an argument is out of range
	 */
	public OutlierDetector(String serviceId, int consecutiveFailures, Duration baseEjectionTime,
			Duration maxEjectionTime, double maxEjectionRatio, double panicThreshold, Clock clock,
			OutlierListener listener) {
		this(serviceId, new EjectionRules(consecutiveFailures, baseEjectionTime, maxEjectionTime, maxEjectionRatio,
				panicThreshold), clock, nanosOf(clock), listener);
	}

	/**
	 * Create a detector that measures ejections with a monotonic ticker and tells times
	 * with a wall clock.
	 * @param serviceId the service whose instances are watched
	 * @param rules the validated settings
	 * @param clock the wall clock, for the ends of ejections shown and shared
	 * @param ticker monotonic nanoseconds, such as {@code System::nanoTime}, for every
	 * duration
	 * @param listener told of ejections and readmissions this detector decides
	 */
	OutlierDetector(String serviceId, EjectionRules rules, Clock clock, LongSupplier ticker, OutlierListener listener) {
		Assert.hasText(serviceId, "serviceId must not be empty");
		Assert.notNull(clock, "clock must not be null");
		Assert.notNull(ticker, "ticker must not be null");
		Assert.notNull(listener, "listener must not be null");
		this.serviceId = serviceId;
		this.rules = rules;
		this.clock = clock;
		this.ticker = ticker;
		this.ledger = new EjectionLedger(rules, clock, ticker);
		this.announcer = new EjectionAnnouncer(serviceId, clock, listener);
	}

	/**
	 * A ticker read from a clock, for the public constructors: tests drive both with one
	 * clock, and nothing then tells the two apart.
	 */
	private static LongSupplier nanosOf(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		return () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		};
	}

	/**
	 * Eject an instance because another application instance ejected it, until the given
	 * time but never longer than {@code maxEjectionTime} from now, and within the same
	 * limit on the share of the current list ejected. Only an instance in the list calls
	 * last saw ({@link #select}) is ejected; for any other address nothing is done or
	 * kept. The listener is not told.
	 * @param address the instance's address, {@code scheme://host:port}
	 * @param until when the ejection ends
	 * @return {@code true} if the instance is now ejected (or already was, until at least
	 * then)
	 */
	public boolean applyEjection(URI address, Instant until) {
		return applyEjection(address, until, null);
	}

	/**
	 * Eject an instance because another application instance ejected it, as
	 * {@link #applyEjection(URI, Instant)} does, checking it against a given current
	 * list.
	 * @param address the instance's address, {@code scheme://host:port}
	 * @param until when the ejection ends
	 * @param currentList the service's current list, as calls get it; {@code null} for
	 * the list calls last saw here
	 * @return {@code true} if the instance is now ejected (or already was, until at least
	 * then)
	 */
	public boolean applyEjection(URI address, Instant until, List<ServiceInstance> currentList) {
		ServiceInstance instance = RemoteInstances.of(this.serviceId, address);
		List<ServiceInstance> list = (currentList != null) ? currentList : this.currentInstances;
		if (!RemoteInstances.isIn(instance, list)) {
			// Not an instance this application calls: nothing is stored for it.
			return false;
		}
		// The other application instance's wall-clock end, as a time from now: only the
		// remaining time is measured here, monotonically.
		Duration remaining = this.rules.remoteEjectionTime(Duration.between(this.clock.instant(), until));
		if (remaining == null) {
			return false;
		}
		long now = this.ticker.getAsLong();
		EjectableInstance tracked = this.ledger.track(instance);
		readmitDue(now);
		EjectionLedger.RemoteEjection result = this.ledger.ejectUntil(tracked, now, now + remaining.toNanos(),
				list.size());
		if (result != EjectionLedger.RemoteEjection.EJECTED) {
			return result == EjectionLedger.RemoteEjection.ALREADY;
		}
		this.announcer.ejectedAsElsewhere(tracked.address(), remaining);
		return true;
	}

	/**
	 * Readmit an instance because another application instance readmitted it, if it was
	 * ejected only because another one did and that ejection lasts no longer than the one
	 * that ended there (a newer ejection is not cut short). An ejection this detector
	 * decided is never lifted from elsewhere. The listener is not told.
	 * @param address the instance's address, {@code scheme://host:port}
	 * @param ejectedUntil when the ejection that ended was due to end
	 * @return {@code true} if the instance was ejected and is now readmitted
	 */
	public boolean applyReadmission(URI address, Instant ejectedUntil) {
		EjectableInstance tracked = this.ledger.find(RemoteInstances.of(this.serviceId, address));
		if (tracked == null || !this.ledger.readmitRemote(tracked, ejectedUntil)) {
			return false;
		}
		this.announcer.readmittedAsElsewhere(tracked.address());
		return true;
	}

	/**
	 * Record a successful call, which resets the instance's consecutive failures.
	 * @param instance the instance that answered
	 */
	public void onSuccess(ServiceInstance instance) {
		EjectableInstance tracked = this.ledger.find(instance);
		if (tracked != null) {
			tracked.recordSuccess();
		}
	}

	/**
	 * Record a failed call, which may eject the instance.
	 * @param instance the instance that failed
	 */
	public void onFailure(ServiceInstance instance) {
		EjectableInstance tracked = this.ledger.find(instance);
		if (tracked == null) {
			tracked = this.ledger.track(instance);
		}
		if (this.ledger.ejectedCount() > 0) {
			// An ended ejection resets the count, so notice it before counting this
			// failure.
			readmitDue(this.ticker.getAsLong());
		}
		if (this.rules.isOutlier(tracked.recordFailure()) && !tracked.isEjected() && this.ledger.hasRoomForEjection()) {
			eject(tracked);
		}
	}

	/**
	 * Return the instances to balance over: those not ejected, or all of them in panic
	 * mode.
	 * @param instances the service's instances
	 * @return the given list itself if none of them is ejected or in panic mode, else a
	 * new list of those not ejected (empty if all are and panic mode is off)
	 */
	public List<ServiceInstance> select(List<ServiceInstance> instances) {
		int size = instances.size();
		if (this.currentInstances != instances) {
			// A cache hands out the same list until it changes: a write per change only.
			this.currentInstances = instances;
			this.ledger.setKnownInstances(size);
		}
		// Then some tracked instance must be neither in the list nor ejected, so a sweep
		// never runs in vain; what the test misses is bounded by the list's size.
		if (this.ledger.trackedCount() > size + this.ledger.ejectedCount()) {
			this.ledger.forgetAbsent(instances);
		}
		if (this.ledger.ejectedCount() == 0) {
			return all(instances);
		}
		long now = this.ticker.getAsLong();
		readmitDue(now);
		// Once due readmissions are made, an instance is ejected now exactly when it is
		// ejected at all: which ones are changes only with the version. Read before
		// judging, so that a change meanwhile makes the next call judge again.
		int version = this.ledger.version();
		InstanceSelection last = this.lastSelection;
		if (last == null || last.from() != instances || last.version() != version) {
			last = InstanceSelection.of(instances, version, (instance) -> isEjected(instance, now), this.rules);
			this.lastSelection = last;
		}
		if (last.panic()) {
			this.panicking = true;
			return instances;
		}
		return all(last.selected());
	}

	private List<ServiceInstance> all(List<ServiceInstance> instances) {
		if (this.panicking) {
			this.panicking = false;
		}
		return instances;
	}

	/**
	 * Tell whether an instance is ejected now.
	 * @param instance the instance
	 * @return {@code true} if the instance is ejected
	 */
	public boolean isEjected(ServiceInstance instance) {
		if (this.ledger.ejectedCount() == 0) {
			return false;
		}
		long now = this.ticker.getAsLong();
		readmitDue(now);
		return isEjected(instance, now);
	}

	private boolean isEjected(ServiceInstance instance, long now) {
		EjectableInstance tracked = this.ledger.find(instance);
		return tracked != null && tracked.isEjectedAt(now);
	}

	/**
	 * Tell whether the last {@link #select} was in panic mode.
	 * @return {@code true} if it returned all instances because too few were left
	 */
	public boolean isPanicking() {
		return this.panicking;
	}

	/**
	 * Return the state of each instance the detector tracks: those that failed since they
	 * last answered, are ejected or were ejected.
	 * @return the states, ordered by address
	 */
	public List<InstanceOutlierState> snapshot() {
		long now = this.ticker.getAsLong();
		readmitDue(now);
		return this.ledger.snapshot(now, this.clock.instant());
	}

	private void eject(EjectableInstance tracked) {
		EjectionLedger.OwnEjection ejection = this.ledger.eject(tracked);
		if (ejection != null) {
			this.announcer.ejected(tracked.address(), ejection);
		}
	}

	private void readmitDue(long now) {
		List<EjectionLedger.Readmission> readmissions = this.ledger.readmitDue(now);
		if (!readmissions.isEmpty()) {
			this.announcer.readmitted(readmissions);
		}
	}

}
