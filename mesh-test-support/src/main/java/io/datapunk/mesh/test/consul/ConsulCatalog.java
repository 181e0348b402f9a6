package io.datapunk.mesh.test.consul;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The state of the Consul test agent: services registered with it, their checks, and the
 * Raft-like index that blocking queries wait on. Follows Consul's documented behaviour:
 * the index only grows; a service's index moves when its instances or their checks
 * change; a TTL check turns critical when not passed within its TTL; an HTTP check is run
 * at its interval (2xx passing, 429 warning, anything else critical); a service whose
 * check stays critical longer than its {@code DeregisterCriticalServiceAfter} is removed.
 * Thread-safe: one monitor guards everything, and waiters are woken on each change.
 */
final class ConsulCatalog {

	static final String NODE = "mesh-test-node";

	private final Map<String, Service> services = new LinkedHashMap<>();

	private final Map<String, Check> checks = new LinkedHashMap<>();

	/** Index at which each service name last changed. */
	private final Map<String, Long> serviceIndexes = new TreeMap<>();

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "consul-test-checks");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private long index = 1;

	private boolean closed;

	ConsulCatalog() {
		this.scheduler.scheduleWithFixedDelay(this::sweep, 20, 20, TimeUnit.MILLISECONDS);
	}

	synchronized long index() {
		return this.index;
	}

	synchronized long serviceIndex(String name) {
		return this.serviceIndexes.getOrDefault(name, 1L);
	}

	private void touch(String serviceName) {
		this.index++;
		this.serviceIndexes.put(serviceName, this.index);
		notifyAll();
	}

	synchronized void register(Service service, List<Check> newChecks) {
		Service previous = this.services.get(service.id);
		if (previous != null) {
			removeChecksOf(previous.id);
			if (!previous.name.equals(service.name)) {
				touch(previous.name);
			}
		}
		this.services.put(service.id, service);
		for (Check check : newChecks) {
			this.checks.put(check.id, check);
			if (check.http != null) {
				long interval = Math.max(10, check.interval.toMillis());
				check.task = this.scheduler.scheduleWithFixedDelay(() -> runHttpCheck(check), 0, interval,
						TimeUnit.MILLISECONDS);
			}
		}
		touch(service.name);
	}

	synchronized boolean deregister(String serviceId) {
		Service service = this.services.remove(serviceId);
		if (service == null) {
			return false;
		}
		removeChecksOf(serviceId);
		touch(service.name);
		return true;
	}

	private void removeChecksOf(String serviceId) {
		this.checks.values().removeIf((check) -> {
			if (serviceId.equals(check.serviceId)) {
				check.cancel();
				return true;
			}
			return false;
		});
	}

	synchronized void clear() {
		List<String> names = this.services.values().stream().map((service) -> service.name).distinct().toList();
		this.checks.values().forEach(Check::cancel);
		this.checks.clear();
		this.services.clear();
		names.forEach(this::touch);
	}

	synchronized void reset() {
		this.checks.values().forEach(Check::cancel);
		this.checks.clear();
		this.services.clear();
		this.serviceIndexes.clear();
		this.index = 1;
		notifyAll();
	}

	synchronized Service service(String serviceId) {
		return this.services.get(serviceId);
	}

	synchronized List<Service> services() {
		return List.copyOf(this.services.values());
	}

	synchronized List<Check> checks() {
		return List.copyOf(this.checks.values());
	}

	synchronized Check check(String checkId) {
		return this.checks.get(checkId);
	}

	synchronized List<Check> checksOf(String serviceId) {
		return this.checks.values().stream().filter((check) -> serviceId.equals(check.serviceId)).toList();
	}

	/**
	 * Set a check's status, as {@code /v1/agent/check/pass|warn|fail} and check runs do.
	 * @param check the check
	 * @param status the new status
	 * @param output the output
	 */
	synchronized void update(Check check, String status, String output) {
		if (this.checks.get(check.id) != check) {
			return;
		}
		if (check.ttl != null) {
			check.ttlDeadline = Instant.now().plus(check.ttl);
		}
		setStatus(check, status, output);
	}

	private void setStatus(Check check, String status, String output) {
		check.output = (output != null) ? output : "";
		if (!status.equals(check.status)) {
			check.status = status;
			check.criticalSince = "critical".equals(status) ? Instant.now() : null;
			Service service = this.services.get(check.serviceId);
			if (service != null) {
				touch(service.name);
			}
		}
	}

	/**
	 * Wait until a service's index is past the given one, the wait ends, or the agent
	 * stops.
	 * @param name the service name, or {@code null} for the whole catalog
	 * @param after the index of the caller's last answer
	 * @param wait the longest wait
	 */
	synchronized void await(String name, long after, Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (!this.closed && ((name != null) ? serviceIndex(name) : this.index) <= after) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return;
			}
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
	}

	synchronized void wakeAll() {
		notifyAll();
	}

	private void runHttpCheck(Check check) {
		String status;
		String output;
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(check.http)).timeout(check.timeout).GET().build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			int code = response.statusCode();
			status = (code >= 200 && code < 300) ? "passing" : (code == 429) ? "warning" : "critical";
			output = "HTTP GET " + check.http + ": " + code;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (Exception ex) {
			status = "critical";
			output = "HTTP GET " + check.http + ": " + ex;
		}
		synchronized (this) {
			if (this.checks.get(check.id) == check) {
				setStatus(check, status, output);
			}
		}
	}

	private synchronized void sweep() {
		Instant now = Instant.now();
		for (Check check : List.copyOf(this.checks.values())) {
			if (check.ttl != null && check.ttlDeadline != null && now.isAfter(check.ttlDeadline)
					&& !"critical".equals(check.status)) {
				setStatus(check, "critical", "TTL expired");
			}
		}
		List<String> reaped = new ArrayList<>();
		for (Check check : this.checks.values()) {
			if (check.deregisterAfter != null && check.criticalSince != null
					&& now.isAfter(check.criticalSince.plus(check.deregisterAfter))) {
				reaped.add(check.serviceId);
			}
		}
		reaped.forEach(this::deregister);
	}

	synchronized void close() {
		this.closed = true;
		this.checks.values().forEach(Check::cancel);
		notifyAll();
		this.scheduler.shutdownNow();
	}

	/**
	 * A registered service instance.
	 */
	static final class Service {

		final String id;

		final String name;

		final String address;

		final int port;

		final List<String> tags;

		final Map<String, String> meta;

		Service(String id, String name, String address, int port, List<String> tags, Map<String, String> meta) {
			this.id = id;
			this.name = name;
			this.address = address;
			this.port = port;
			this.tags = List.copyOf(tags);
			this.meta = Map.copyOf(meta);
		}

	}

	/**
	 * A check of a service instance.
	 */
	static final class Check {

		final String id;

		final String name;

		final String serviceId;

		final String serviceName;

		final Duration ttl;

		final String http;

		final Duration interval;

		final Duration timeout;

		final Duration deregisterAfter;

		volatile String status;

		volatile String output = "";

		volatile Instant ttlDeadline;

		volatile Instant criticalSince;

		volatile ScheduledFuture<?> task;

		Check(String id, String name, String serviceId, String serviceName, String status, Duration ttl, String http,
				Duration interval, Duration timeout, Duration deregisterAfter) {
			this.id = id;
			this.name = name;
			this.serviceId = serviceId;
			this.serviceName = serviceName;
			this.ttl = ttl;
			this.http = http;
			this.interval = interval;
			this.timeout = timeout;
			this.deregisterAfter = deregisterAfter;
			this.status = status;
			this.criticalSince = "critical".equals(status) ? Instant.now() : null;
			this.ttlDeadline = (ttl != null) ? Instant.now().plus(ttl) : null;
		}

		void cancel() {
			ScheduledFuture<?> task = this.task;
			if (task != null) {
				task.cancel(true);
			}
		}

	}

}
