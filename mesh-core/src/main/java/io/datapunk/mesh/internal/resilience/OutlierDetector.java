package io.datapunk.mesh.internal.resilience;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 * and starting or stopping to track an instance take a lock.
 *
 * @since 0.1.0
 */
public final class OutlierDetector {

	private static final Log logger = LogFactory.getLog(OutlierDetector.class);

	private static final long READMISSION_SLACK_NANOS = 1_000_000;

	private final String serviceId;

	private final EjectionRules rules;

	/** Wall-clock time: only for what people and other application instances read. */
	private final Clock clock;

	/** Monotonic nanoseconds: every duration the detector measures. */
	private final LongSupplier ticker;

	private final OutlierListener listener;

	private final EjectableInstances instances = new EjectableInstances();

	// A ReentrantLock rather than synchronized, which would pin a virtual thread.
	private final ReentrantLock lock = new ReentrantLock();

	// Written under the lock.
	private volatile int ejectedCount;

	// Monotonic nanoseconds; Long.MAX_VALUE when nothing is ejected.
	private volatile long nextReadmission = Long.MAX_VALUE;

	private long sweeps;

	// Written by select: the service's current list, as calls see it.
	private volatile int knownInstances;

	private volatile List<ServiceInstance> currentInstances = List.of();

	private volatile boolean panicking;

	// Changes with every ejection and readmission, under the lock: a selection made at
	// one version holds for the same list until the next.
	private volatile int ejectionsVersion;

	// The last selection made while something was ejected, so that calls during an
	// ejection (tens of seconds of them) neither scan the list nor allocate.
	private volatile Selection lastSelection;

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
		this.listener = listener;
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
		Duration remaining = remainingOf(until);
		if (remaining == null) {
			return false;
		}
		long now = this.ticker.getAsLong();
		EjectableInstance tracked = track(instance);
		readmitDue(now);
		RemoteEjection result = ejectRemotely(tracked, now, now + remaining.toNanos(), list.size());
		if (result != RemoteEjection.EJECTED) {
			return result == RemoteEjection.ALREADY;
		}
		logger.info("Ejected instance " + tracked.address() + " of service '" + this.serviceId + "' for "
				+ format(remaining) + ", as another application instance did");
		return true;
	}

	/**
	 * Return the time left of another application instance's ejection, at most
	 * {@code maxEjectionTime} and jittered, or {@code null} if it is over.
	 */
	private Duration remainingOf(Instant until) {
		// The other application instance's wall-clock end, as a time from now: only
		// the remaining time is measured here, monotonically.
		Duration remaining = Duration.between(this.clock.instant(), until);
		if (remaining.compareTo(this.rules.maxEjectionTime()) > 0) {
			remaining = this.rules.maxEjectionTime();
		}
		if (remaining.isNegative() || remaining.isZero()) {
			return null;
		}
		// Jittered here too: every application instance that hears the event would
		// otherwise readmit the instance at the same moment.
		return this.rules.jittered(remaining);
	}

	/**
	 * Eject a tracked instance until {@code end} (monotonic), within the limit of
	 * ejections for a list of {@code listSize}.
	 * @return whether it was ejected, already was until at least then, or was not
	 */
	private RemoteEjection ejectRemotely(EjectableInstance tracked, long now, long end, int listSize) {
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

	private enum RemoteEjection {

		REFUSED, ALREADY, EJECTED

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
		EjectableInstance tracked = this.instances.find(RemoteInstances.of(this.serviceId, address));
		if (tracked == null) {
			return false;
		}
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
		}
		finally {
			this.lock.unlock();
		}
		logger.info("Readmitted instance " + tracked.address() + " of service '" + this.serviceId
				+ "', as another application instance did");
		return true;
	}

	/**
	 * Record a successful call, which resets the instance's consecutive failures.
	 * @param instance the instance that answered
	 */
	public void onSuccess(ServiceInstance instance) {
		EjectableInstance tracked = this.instances.find(instance);
		if (tracked != null) {
			tracked.recordSuccess();
		}
	}

	/**
	 * Record a failed call, which may eject the instance.
	 * @param instance the instance that failed
	 */
	public void onFailure(ServiceInstance instance) {
		EjectableInstance tracked = this.instances.find(instance);
		if (tracked == null) {
			tracked = track(instance);
		}
		if (this.ejectedCount > 0) {
			// An ended ejection resets the count, so notice it before counting this
			// failure.
			readmitDue(this.ticker.getAsLong());
		}
		if (this.rules.isOutlier(tracked.recordFailure()) && !tracked.isEjected()
				&& this.ejectedCount < maxEjections()) {
			eject(tracked);
		}
	}

	/**
	 * Return the instances to balance over: those not ejected, or all of them in panic
	 * mode.
	 * @param instances the service's instances
	 * @return the given list itself if none of them is ejected or in panic mode, else a
	 * read-only list of those not ejected (empty if all are and panic mode is off), the
	 * same one for the same given list until an instance is ejected or readmitted
	 */
	public List<ServiceInstance> select(List<ServiceInstance> instances) {
		int size = instances.size();
		if (this.currentInstances != instances) {
			// A cache hands out the same list until it changes: a write per change only.
			this.currentInstances = instances;
			this.knownInstances = size;
		}
		// Then some tracked instance must be neither in the list nor ejected, so a sweep
		// never runs in vain; what the test misses is bounded by the list's size.
		if (this.instances.size() > size + this.ejectedCount) {
			forgetAbsent(instances);
		}
		if (this.ejectedCount == 0) {
			return all(instances);
		}
		long now = this.ticker.getAsLong();
		readmitDue(now);
		// Once due readmissions are made, an instance is ejected now exactly when it is
		// ejected at all: which ones are changes only with the version. Read before
		// judging, so that a change meanwhile makes the next call judge again.
		int version = this.ejectionsVersion;
		Selection last = this.lastSelection;
		if (last == null || last.from() != instances || last.version() != version) {
			last = selection(instances, now, version);
			this.lastSelection = last;
		}
		if (last.panic()) {
			this.panicking = true;
			return instances;
		}
		return all(last.selected());
	}

	private Selection selection(List<ServiceInstance> instances, long now, int version) {
		int size = instances.size();
		int available = 0;
		for (ServiceInstance instance : instances) {
			available += isEjected(instance, now) ? 0 : 1;
		}
		if (available == size) {
			return new Selection(instances, version, instances, false);
		}
		if (this.rules.isPanic(available, size)) {
			return new Selection(instances, version, instances, true);
		}
		List<ServiceInstance> selected = new ArrayList<>(available);
		for (ServiceInstance instance : instances) {
			if (!isEjected(instance, now)) {
				selected.add(instance);
			}
		}
		// Shared by the calls that follow: read-only.
		return new Selection(instances, version, Collections.unmodifiableList(selected), false);
	}

	/** Called under the lock, whenever an instance is ejected or readmitted. */
	private void changeEjectedCount(int change) {
		this.ejectedCount = this.ejectedCount + change;
		this.ejectionsVersion = this.ejectionsVersion + 1;
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
		if (this.ejectedCount == 0) {
			return false;
		}
		long now = this.ticker.getAsLong();
		readmitDue(now);
		return isEjected(instance, now);
	}

	private boolean isEjected(ServiceInstance instance, long now) {
		EjectableInstance tracked = this.instances.find(instance);
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
		Instant wallNow = this.clock.instant();
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

	private int maxEjections() {
		// A share of the current list, never of what is tracked: addresses from elsewhere
		// must not make room for more ejections.
		int known = this.knownInstances;
		return this.rules.maxEjections((known > 0) ? known : this.instances.size());
	}

	private EjectableInstance track(ServiceInstance instance) {
		this.lock.lock();
		try {
			EjectableInstance tracked = this.instances.find(instance);
			return (tracked != null) ? tracked : this.instances.add(instance);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void eject(EjectableInstance tracked) {
		int failures;
		int ejection;
		Duration ejectionTime;
		this.lock.lock();
		try {
			// Check again: another thread may have ejected it, readmitted it, reset its
			// count, forgotten it or filled the last place.
			failures = tracked.consecutiveFailures();
			if (tracked.isForgotten() || tracked.isEjected() || !this.rules.isOutlier(failures)
					|| this.ejectedCount >= maxEjections()) {
				return;
			}
			long now = this.ticker.getAsLong();
			ejectionTime = tracked.eject(now, this.rules);
			ejection = tracked.ejectionCount();
			changeEjectedCount(1);
			if (tracked.ejectedUntil() < this.nextReadmission) {
				this.nextReadmission = tracked.ejectedUntil();
			}
		}
		finally {
			this.lock.unlock();
		}
		logger.info("Ejected instance " + tracked.address() + " of service '" + this.serviceId + "' for "
				+ format(ejectionTime) + " after " + failures + " consecutive failures (ejection " + ejection + ")");
		// Told to the others in wall-clock time, the only time hosts share.
		this.listener.ejected(this.serviceId, tracked.address(), this.clock.instant().plus(ejectionTime));
	}

	private void readmitDue(long now) {
		// Compared directly, not by difference: Long.MAX_VALUE stands for "none", and a
		// monotonic clock does not wrap in 292 years.
		if (now < this.nextReadmission) {
			return;
		}
		List<String> readmissions = new ArrayList<>();
		List<InstanceOutlierState> readmitted = new ArrayList<>();
		Instant wallNow = this.clock.instant();
		this.lock.lock();
		try {
			long next = Long.MAX_VALUE;
			for (EjectableInstance tracked : this.instances.all()) {
				long until = tracked.ejectedUntil();
				if (tracked.isEjected() && now - until >= 0) {
					if (!tracked.isRemoteEjection()) {
						// Only this detector's own decisions are told: the others end
						// everywhere at their own time.
						readmitted.add(new InstanceOutlierState(tracked.address(), 0, false,
								wallNow.minusNanos(now - until), 0));
					}
					readmissions.add("Readmitted instance " + tracked.address() + " of service '" + this.serviceId
							+ "' after its " + format(tracked.readmit()) + " ejection");
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
		// Logged outside the lock: an appender may block.
		readmissions.forEach(logger::info);
		readmitted.forEach((state) -> this.listener.readmitted(this.serviceId, state.instance(), state.ejectedUntil()));
	}

	private void forgetAbsent(List<ServiceInstance> current) {
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
	 * What {@link #select} returned for a list at an ejections version.
	 *
	 * @param from the list
	 * @param version the ejections version
	 * @param selected the instances not ejected (all of them in panic mode)
	 * @param panic whether in panic mode
	 */
	private record Selection(List<ServiceInstance> from, int version, List<ServiceInstance> selected, boolean panic) {
	}

	private static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

}
