package io.datapunk.mesh.internal.discovery.dns;

import io.datapunk.mesh.internal.support.MeshThreads;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.datapunk.mesh.internal.config.ServiceNames;
import io.datapunk.mesh.internal.discovery.PushingDiscoveryClient;
import io.datapunk.mesh.ServiceInstancesChangedEvent;
import io.datapunk.mesh.internal.discovery.SourceFreshness;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xbill.DNS.Resolver;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A {@link DiscoveryClient} over DNS SRV records: a service's instances are the targets
 * of the SRV records of {@code mesh.discovery.dns.name-pattern}, with their ports and
 * weights (metadata {@code weight}), as {@link SrvLookup} reads them.
 * <p>
 * Answers are cached for their TTL, bounded by {@code min-ttl} and {@code max-ttl}, and
 * renewed in the background shortly before they expire, so a call never waits for DNS
 * once a service has been looked up: only calls made within {@code timeout} of a
 * service's first lookup wait for its answer, until then at most (and never past the
 * call's own deadline, {@link io.datapunk.mesh.internal.discovery.LookupDeadline}) (if it
 * is late they get no instances from DNS; the lookup goes on in the background). When a
 * lookup fails (no answer, a server error) the last answer keeps being served, marked
 * stale, and the lookup is tried again every {@code min-ttl}; {@link #staleFor(String)}
 * tells a cache how old that answer is. A name that does not exist, or has no records,
 * gives no instances. A service that no call asked for during {@code idle-timeout} is no
 * longer renewed. A change of a service's instances is published as a
 * {@link ServiceInstancesChangedEvent}.
 * <p>
 * Thread-safe: calls read a concurrent map and a volatile list; one background thread
 * renews the answers.
 *
 * @since 0.1.0
 */
public class DnsDiscoveryClient
		implements PushingDiscoveryClient, SourceFreshness, SmartInitializingSingleton, DisposableBean {

	private static final Log logger = LogFactory.getLog(DnsDiscoveryClient.class);

	/** Origin of the change events this client publishes. */
	static final String ORIGIN = "dns";

	private static final Duration MAX_REFRESH_LEAD = Duration.ofSeconds(1);

	private final Map<String, DnsServiceEntry> entries = new ConcurrentHashMap<>();

	private final SrvNamePattern pattern;

	private final SrvLookup lookup;

	private final DnsResolverSettings settings;

	private final Collection<String> warmUp;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ScheduledThreadPoolExecutor scheduler;

	private volatile boolean closed;

	/**
	 * Create a client from its configuration.
	 * @param properties the configuration
	 * @param warmUp services to look up at startup, so that their first calls need not
	 * wait for DNS (the services of {@code mesh.services}); invalid names are skipped
	 * @param events where changes of instance lists are published, may be {@code null}
	 * @throws io.datapunk.mesh.InvalidMeshPropertyException if a setting breaks a rule
	 */
	public DnsDiscoveryClient(DnsConfig properties, Collection<String> warmUp, ApplicationEventPublisher events) {
		this(SrvNamePattern.of(properties.getNamePattern()), DnsResolverSettings.of(properties), warmUp, events,
				Clock.systemUTC());
	}

	DnsDiscoveryClient(SrvNamePattern pattern, DnsResolverSettings settings, Collection<String> warmUp,
			ApplicationEventPublisher events, Clock clock) {
		this.pattern = pattern;
		this.settings = settings;
		this.warmUp = List.copyOf(warmUp);
		this.events = events;
		this.clock = clock;
		this.scheduler = MeshThreads.scheduler("dns", 1);
		Resolver resolver = settings.createResolver();
		this.lookup = new SrvLookup(resolver, this::runInBackground, pattern.isSecure());
	}

	@Override
	public boolean published(Object eventSource) {
		return eventSource == this;
	}

	@Override
	public String description() {
		return "DNS SRV " + this.pattern;
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		DnsServiceEntry entry = this.entries.get(serviceId);
		if (entry != null) {
			List<ServiceInstance> instances = entry.instances();
			// Looked up at startup or by another call, but not answered yet: wait too.
			return (!instances.isEmpty() || entry.everAnswered()) ? instances : answeredOrFail(entry);
		}
		if (!ServiceNames.isValid(serviceId) || this.closed) {
			// Only valid service names ever reach a query.
			return List.of();
		}
		return answeredOrFail(start(serviceId));
	}

	/**
	 * Wait for an entry's first answer; without one, nothing is known of the service,
	 * which is not the same as "no instances": a cache in front then serves what it knew.
	 */
	private static List<ServiceInstance> answeredOrFail(DnsServiceEntry entry) {
		List<ServiceInstance> instances = entry.awaitFirstAnswer();
		if (!entry.everAnswered()) {
			throw new IllegalStateException("DNS has not answered for service '" + entry.serviceId() + "' yet");
		}
		return instances;
	}

	/**
	 * Return how long DNS has not answered for a service whose last answer is still
	 * served: after a failed lookup, or when a renewal is overdue.
	 * @param serviceId the service
	 * @return {@code null} while its answer is current, otherwise the answer's age
	 */
	@Override
	public Duration staleFor(String serviceId) {
		DnsServiceEntry entry = this.entries.get(serviceId);
		return (entry != null) ? entry.staleFor(this.clock.instant(), this.settings.lookupTime()) : null;
	}

	@Override
	public List<String> getServices() {
		return this.entries.values()
			.stream()
			.filter((entry) -> !entry.peek().isEmpty())
			.map(DnsServiceEntry::serviceId)
			.sorted()
			.toList();
	}

	/**
	 * Return what is known of every service looked up so far.
	 * @return the states, by service name
	 */
	public List<DnsServiceStatus> statuses() {
		List<DnsServiceStatus> statuses = new ArrayList<>();
		this.entries.values().forEach((entry) -> statuses.add(entry.status()));
		statuses.sort(Comparator.comparing(DnsServiceStatus::serviceId));
		return statuses;
	}

	/**
	 * Return what is known of a service.
	 * @param serviceId the service
	 * @return its state, or {@code null} if it has not been looked up
	 */
	public DnsServiceStatus status(String serviceId) {
		DnsServiceEntry entry = this.entries.get(serviceId);
		return (entry != null) ? entry.status() : null;
	}

	@Override
	public void afterSingletonsInstantiated() {
		logger.info("DNS SRV discovery asks " + this.settings.servers() + " for " + this.pattern);
		for (String serviceId : this.warmUp) {
			if (ServiceNames.isValid(serviceId)) {
				start(serviceId);
			}
		}
	}

	@Override
	public void destroy() {
		this.closed = true;
		MeshThreads.shutdown(this.scheduler);
	}

	private DnsServiceEntry start(String serviceId) {
		DnsServiceEntry created = new DnsServiceEntry(serviceId, this.pattern.queryName(serviceId),
				this.clock.instant(), this.settings.timeout());
		DnsServiceEntry existing = this.entries.putIfAbsent(serviceId, created);
		if (existing != null) {
			return existing;
		}
		refresh(created);
		return created;
	}

	private void refresh(DnsServiceEntry entry) {
		if (this.closed) {
			return;
		}
		CompletableFuture<SrvAnswer> answer;
		try {
			answer = this.lookup.lookup(entry.serviceId(), entry.queryName());
		}
		catch (RuntimeException ex) {
			// Failing to send counts as a failed lookup: it is tried again all the same.
			answer = CompletableFuture.failedFuture(ex);
		}
		answer.orTimeout(this.settings.lookupTime().toNanos(), TimeUnit.NANOSECONDS)
			.whenCompleteAsync((result, failure) -> completed(entry, result, failure), this::runInBackground);
	}

	private void completed(DnsServiceEntry entry, SrvAnswer answer, Throwable failure) {
		Instant now = this.clock.instant();
		Duration next;
		if (failure == null) {
			Duration keep = this.settings.keep(answer.ttlSeconds());
			boolean wasStale = entry.isStale();
			if (entry.answered(answer.instances(), now, keep)) {
				logger.debug("DNS SRV " + entry.queryName() + " gives " + answer.instances().size()
						+ " instance(s) of '" + entry.serviceId() + "'");
				publishChange(entry.serviceId(), entry.peek());
			}
			if (wasStale) {
				logger.info("DNS SRV lookup of " + entry.queryName() + " succeeds again; instances of '"
						+ entry.serviceId() + "' are fresh");
			}
			next = keep.minus(min(keep.dividedBy(10), MAX_REFRESH_LEAD));
		}
		else {
			String error = describe(failure);
			int serving = entry.peek().size();
			if (entry.failed(error, now)) {
				logger.warn("DNS SRV lookup of " + entry.queryName() + " failed (" + error + "); "
						+ ((serving > 0) ? "serving the last " + serving + " instance(s) of '" + entry.serviceId()
								+ "', marked stale," : "no instances of '" + entry.serviceId() + "' from DNS")
						+ " until it succeeds; trying again every " + this.settings.minTtl().toMillis() + " ms");
			}
			else {
				logger.debug("DNS SRV lookup of " + entry.queryName() + " failed again: " + error);
			}
			next = this.settings.minTtl();
		}
		if (entry.idleFor(this.settings.idleTimeout(), now)) {
			this.entries.remove(entry.serviceId(), entry);
			return;
		}
		schedule(entry, next);
	}

	private void schedule(DnsServiceEntry entry, Duration delay) {
		try {
			this.scheduler.schedule(() -> refresh(entry), delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Closed.
		}
	}

	private void publishChange(String serviceId, List<ServiceInstance> instances) {
		if (this.events != null && !this.closed) {
			try {
				this.events.publishEvent(new ServiceInstancesChangedEvent(this, serviceId, ORIGIN, instances));
			}
			catch (RuntimeException ex) {
				// A context that is closing; the new list is served all the same.
				logger.debug("Could not publish the change of the instances of '" + serviceId + "'", ex);
			}
		}
	}

	private void runInBackground(Runnable task) {
		try {
			this.scheduler.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// Closed: the answer is no longer needed.
		}
	}

	private static String describe(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		return (cause.getMessage() != null) ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
				: cause.getClass().getSimpleName();
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * Return the DNS servers asked.
	 * @return the servers
	 */
	public List<InetSocketAddress> servers() {
		return this.settings.servers();
	}

}
