package io.datapunk.mesh.internal.discovery.consul;

import io.datapunk.mesh.internal.support.MeshThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.datapunk.mesh.internal.config.ServiceNames;
import io.datapunk.mesh.internal.discovery.LookupDeadline;
import io.datapunk.mesh.ServiceInstancesChangedEvent;
import io.datapunk.mesh.internal.discovery.ServiceStateHolder;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The Consul watches of the services this application calls: one chain of blocking
 * queries per service, all sent and answered on {@value #WATCH_THREADS} threads (no
 * thread waits while Consul holds a query), started for the services of
 * {@code mesh.services} at startup and for any other service at its first lookup. Never
 * lists the whole catalog. Publishes a {@link ServiceInstancesChangedEvent} with the new
 * list when a service's passing instances change, and reports each watch's
 * {@link ConsulWatchStatus}. Stopped when the service is {@link #release released} for
 * being idle. Thread-safe; a lookup of a watched service reads a map and a volatile
 * field.
 *
 * @since 0.1.0
 */
public class ConsulServiceWatches implements SmartLifecycle, ServiceStateHolder, DisposableBean {

	static final String ORIGIN = "consul";

	/** Threads that send the queries of every watch and handle their answers. */
	static final int WATCH_THREADS = 2;

	private final ConsulApi api;

	private final WatchConfig settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ConcurrentMap<String, ServiceWatch> watches = new ConcurrentHashMap<>();

	/**
	 * The threads of every watch: they send the queries and handle the answers, and never
	 * wait while Consul holds a query, so a few serve any number of services.
	 */
	private final ScheduledThreadPoolExecutor threads;

	private final Set<String> startupServices;

	private volatile boolean running;

	private volatile boolean stopped;

	public ConsulServiceWatches(ConsulApi api, WatchConfig settings, ApplicationEventPublisher events, Clock clock,
			Set<String> startupServices) {
		this.startupServices = Set.copyOf(startupServices);
		this.api = api;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
		this.threads = MeshThreads.scheduler("consul-watch", WATCH_THREADS);
	}

	/**
	 * Return the passing instances of a service, starting its watch if it has none yet. A
	 * first lookup waits for Consul's first answer, at most
	 * {@code mesh.discovery.consul.watch.first-answer-timeout} and never past the
	 * deadline of the call it serves ({@link LookupDeadline}); later ones never wait.
	 * @param serviceId a service name
	 * @return the last known passing instances
	 * @throws IllegalStateException if Consul never answered for the service, so that
	 * nothing is known of it
	 */
	public List<ServiceInstance> instances(String serviceId) {
		ServiceWatch watch = this.watches.get(serviceId);
		if (watch == null) {
			if (this.stopped || !ServiceNames.isValid(serviceId)) {
				return List.of();
			}
			watch = watch(serviceId);
			watch.awaitFirstAnswer(LookupDeadline.cap(this.settings.getFirstAnswerTimeout()));
		}
		if (!watch.hasAnswered()) {
			// Not "no instances": unknown. The discovery cache then serves what it knew
			// (from Redis, say) rather than caching an empty list as fresh.
			String error = watch.lastError();
			throw new IllegalStateException("Consul has not answered the watch of service '" + serviceId + "' yet"
					+ ((error != null) ? ": " + error : ""));
		}
		return watch.instances();
	}

	/**
	 * Start watching a service, if not watched yet.
	 * @param serviceId a valid service name
	 * @return the watch
	 */
	public ServiceWatch watch(String serviceId) {
		return this.watches.computeIfAbsent(serviceId, (id) -> {
			ServiceWatch watch = new ServiceWatch(id, this.api, this.settings, this.clock, this::changed, this.threads);
			try {
				this.threads.execute(watch::start);
			}
			catch (RejectedExecutionException ex) {
				// Shut down: the watch never answers.
			}
			return watch;
		});
	}

	/**
	 * Return how long Consul has not answered the watch of a service.
	 * @param serviceId the service
	 * @return {@code null} if the service is not watched or its list is current,
	 * otherwise the age of its list
	 */
	public Duration staleFor(String serviceId) {
		ServiceWatch watch = this.watches.get(serviceId);
		return (watch != null) ? watch.staleFor() : null;
	}

	/**
	 * Stop the watches of idle services, except those of {@code mesh.services}, which run
	 * from startup; a later lookup starts a new one.
	 * @param serviceIds idle services
	 */
	@Override
	public void release(Set<String> serviceIds) {
		for (String serviceId : serviceIds) {
			if (this.startupServices.contains(serviceId)) {
				continue;
			}
			ServiceWatch watch = this.watches.remove(serviceId);
			if (watch != null) {
				watch.stop();
			}
		}
	}

	private void changed(String serviceId, List<ServiceInstance> instances) {
		// Not while the context starts: nothing holds a list to drop yet, and listeners
		// must not be created on a watch thread while the main thread creates beans.
		if (this.running) {
			this.events.publishEvent(new ServiceInstancesChangedEvent(this, serviceId, ORIGIN, instances));
		}
	}

	/**
	 * Start the watches of the services configured under {@code mesh.services}.
	 */
	@Override
	public void start() {
		this.running = true;
		this.startupServices.forEach(this::watch);
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Make every watch ask Consul again at once, without an index: for when the agent is
	 * known to have restarted without its data.
	 */
	public void resync() {
		this.watches.values().forEach(ServiceWatch::resync);
	}

	/**
	 * Return the state of every watch, by service name.
	 * @return the states, sorted by service name
	 */
	public Map<String, ConsulWatchStatus> statuses() {
		Map<String, ConsulWatchStatus> statuses = new TreeMap<>();
		this.watches.forEach((serviceId, watch) -> statuses.put(serviceId, watch.status()));
		return statuses;
	}

	/**
	 * Return the state of one watch.
	 * @param serviceId the service name
	 * @return the state, or {@code null} if the service is not watched
	 */
	public ConsulWatchStatus status(String serviceId) {
		ServiceWatch watch = this.watches.get(serviceId);
		return (watch != null) ? watch.status() : null;
	}

	/**
	 * Return the names of the watched services.
	 * @return the names
	 */
	public List<String> watchedServices() {
		return List.copyOf(new TreeMap<>(this.watches).keySet());
	}

	@Override
	public void destroy() {
		this.stopped = true;
		this.watches.values().forEach(ServiceWatch::stop);
		MeshThreads.shutdown(this.threads);
	}

}
