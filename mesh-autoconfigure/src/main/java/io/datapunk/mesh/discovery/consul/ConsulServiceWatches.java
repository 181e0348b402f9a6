package io.datapunk.mesh.discovery.consul;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.datapunk.mesh.config.ServiceNames;
import io.datapunk.mesh.discovery.ServiceInstancesChangedEvent;
import io.datapunk.mesh.discovery.ServiceStateHolder;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The Consul watches of the services this application calls: one blocking query loop per
 * service, started for the services of {@code mesh.services} at startup and for any other
 * service at its first lookup, and stopped when that service is {@link #release released}
 * for being idle. Never lists the whole catalog. Publishes a
 * {@link ServiceInstancesChangedEvent} when a service's passing instances change, and
 * reports each watch's {@link ConsulWatchStatus}. Thread-safe; a lookup of a watched
 * service reads a map and a volatile field.
 *
 * @since 0.1.0
 */
public class ConsulServiceWatches implements SmartLifecycle, ServiceStateHolder, DisposableBean {

	static final String ORIGIN = "consul";

	private final ConsulApi api;

	private final MeshConsulProperties.Watch settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ConcurrentMap<String, ServiceWatch> watches = new ConcurrentHashMap<>();

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task);
		thread.setDaemon(true);
		return thread;
	});

	private final Set<String> startupServices;

	private volatile boolean running;

	private volatile boolean stopped;

	ConsulServiceWatches(ConsulApi api, MeshConsulProperties.Watch settings, ApplicationEventPublisher events,
			Clock clock, Set<String> startupServices) {
		this.startupServices = Set.copyOf(startupServices);
		this.api = api;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Return the passing instances of a service, starting its watch if it has none yet. A
	 * first lookup waits for Consul's first answer, at most
	 * {@code mesh.discovery.consul.watch.first-answer-timeout}; later ones never wait.
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
			watch.awaitFirstAnswer(this.settings.getFirstAnswerTimeout());
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
	ServiceWatch watch(String serviceId) {
		return this.watches.computeIfAbsent(serviceId, (id) -> {
			ServiceWatch watch = new ServiceWatch(id, this.api, this.settings, this.clock, this::changed);
			this.threads.execute(() -> {
				Thread.currentThread().setName("mesh-consul-watch-" + id);
				try {
					watch.run();
				}
				finally {
					// Back in the pool until it ends or runs another watch: no longer
					// this
					// service's.
					Thread.currentThread().setName("mesh-consul-watch-idle");
				}
			});
			return watch;
		});
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

	private void changed(String serviceId) {
		// Not while the context starts: nothing holds a list to drop yet, and listeners
		// must not be created on a watch thread while the main thread creates beans.
		if (this.running) {
			this.events.publishEvent(new ServiceInstancesChangedEvent(this, serviceId, ORIGIN));
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
		this.threads.shutdownNow();
	}

}
