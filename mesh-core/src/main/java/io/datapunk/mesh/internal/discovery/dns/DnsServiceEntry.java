package io.datapunk.mesh.internal.discovery.dns;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.datapunk.mesh.internal.discovery.LastKnownList;
import io.datapunk.mesh.internal.discovery.LookupDeadline;
import org.xbill.DNS.Name;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The cached DNS answer of one service. Calls read it without locks: {@link #instances()}
 * is a volatile read (and, after an idle period, one write). Only the refresh thread
 * changes the rest; the list is replaced only when the answer differs, so the same list
 * object is handed out while nothing changes (the weighted balancer keys its sums on it).
 * The last answer, its time and staleness are one {@link LastKnownList}, whose ticks are
 * the nanoseconds of the DNS client's clock since the epoch (so that reports give back
 * the exact instants).
 *
 * @author datapunk mesh team
 */
final class DnsServiceEntry {

	private final String serviceId;

	private final Name queryName;

	private final CompletableFuture<Void> firstAnswer = new CompletableFuture<>();

	private volatile LastKnownList known = LastKnownList.none();

	/** Set by calls, cleared by the refresh thread: whether a call asked since. */
	private volatile boolean used = true;

	private volatile Instant expiresAt;

	private volatile String lastError;

	/** Refresh thread only. */
	private Instant lastUsed;

	/** Until when ({@link System#nanoTime()}) calls wait for the first answer. */
	private final long firstAnswerWaitEnd;

	/**
	 * Create the entry of a service whose first lookup starts now.
	 * @param serviceId the service
	 * @param queryName the SRV name to ask
	 * @param created now
	 * @param firstAnswerWait how long after now calls wait for the first answer
	 */
	DnsServiceEntry(String serviceId, Name queryName, Instant created, Duration firstAnswerWait) {
		this.serviceId = serviceId;
		this.queryName = queryName;
		this.lastUsed = created;
		this.firstAnswerWaitEnd = System.nanoTime() + firstAnswerWait.toNanos();
	}

	String serviceId() {
		return this.serviceId;
	}

	Name queryName() {
		return this.queryName;
	}

	/**
	 * Return the instances for a call and note that the service is in use.
	 */
	List<ServiceInstance> instances() {
		if (!this.used) {
			this.used = true;
		}
		return this.known.instances();
	}

	/**
	 * Return the instances without noting a use, for reports and the refresh thread.
	 */
	List<ServiceInstance> peek() {
		return this.known.instances();
	}

	/**
	 * Return whether DNS ever answered for the service (an empty answer included).
	 */
	boolean everAnswered() {
		return this.known.isLearnt();
	}

	/**
	 * Wait for the first lookup to end, at most until the wait given at creation is over:
	 * however many calls come meanwhile, none waits beyond it.
	 */
	List<ServiceInstance> awaitFirstAnswer() {
		// Nor past the deadline of the call being served.
		long wait = LookupDeadline.cap(Duration.ofNanos(Math.max(0, this.firstAnswerWaitEnd - System.nanoTime())))
			.toNanos();
		if (wait > 0) {
			try {
				this.firstAnswer.get(wait, TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				// Nothing known yet: no instances from DNS for this call.
			}
		}
		return instances();
	}

	/**
	 * Take a new answer.
	 * @return whether the instance list changed
	 */
	boolean answered(List<ServiceInstance> answer, Instant now, Duration keep) {
		List<ServiceInstance> held = this.known.instances();
		boolean changed = !answer.equals(held);
		this.known = LastKnownList.learnt(changed ? answer : held, ticks(now));
		this.expiresAt = now.plus(keep);
		this.lastError = null;
		this.firstAnswer.complete(null);
		return changed;
	}

	/**
	 * Note a failed lookup; the last answer stays.
	 * @return whether this is the first failure since the last answer
	 */
	boolean failed(String error, Instant now) {
		LastKnownList known = this.known;
		boolean first = !known.isStale();
		this.known = known.failed(ticks(now));
		this.lastError = error;
		this.firstAnswer.complete(null);
		return first;
	}

	/**
	 * Return whether no call asked for the service during the given time; called by the
	 * refresh thread after each lookup.
	 */
	boolean idleFor(Duration idleTimeout, Instant now) {
		if (this.used) {
			this.used = false;
			this.lastUsed = now;
			return false;
		}
		return !now.isBefore(this.lastUsed.plus(idleTimeout));
	}

	/**
	 * Return how long DNS has not answered for the service: {@code null} while the last
	 * answer is current (the last lookup succeeded and the next is not overdue),
	 * otherwise the time since the last answer.
	 * @param now now
	 * @param lookupTime the longest a lookup may take, past which a renewal is overdue
	 */
	Duration staleFor(Instant now, Duration lookupTime) {
		LastKnownList known = this.known;
		Instant expires = this.expiresAt;
		if (!known.isLearnt()) {
			return null;
		}
		boolean overdue = expires != null && now.isAfter(expires.plus(lookupTime));
		if (!known.isStale() && !overdue) {
			return null;
		}
		return Duration.ofNanos(known.age(ticks(now)));
	}

	boolean isStale() {
		return this.known.isStale();
	}

	DnsServiceStatus status() {
		LastKnownList known = this.known;
		return new DnsServiceStatus(this.serviceId, this.queryName.toString(), known.instances(),
				known.isLearnt() ? instant(known.learntAt()) : null, this.expiresAt,
				known.isStale() ? instant(known.staleSince()) : null, this.lastError);
	}

	private static long ticks(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
	}

	private static Instant instant(long ticks) {
		return Instant.ofEpochSecond(0, ticks);
	}

}
