package io.datapunk.mesh.autoconfigure.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.config.ServiceSettings;
import io.datapunk.mesh.internal.config.TlsSettings;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.util.ClassUtils;
import io.datapunk.mesh.internal.client.ClientCertificateAwareTransport;
import io.datapunk.mesh.internal.client.AttemptTransport;
import io.datapunk.mesh.internal.client.AttemptTransports;
import io.datapunk.mesh.internal.client.TimedAttemptTransport;
import io.datapunk.mesh.internal.client.ClientCertificateRequests;
import io.datapunk.mesh.internal.client.HttpComponentsAttemptTransport;
import io.datapunk.mesh.internal.client.JdkAttemptTransport;
import io.datapunk.mesh.internal.support.MeshThreads;

/**
 * The real HTTP clients that carry attempts, one per distinct pair of timeouts and TLS
 * configuration, so that services with the same settings share a connection pool. Built
 * with the application's {@link ClientHttpRequestFactoryBuilder} (so
 * {@code spring.http.client.*} choices and the builder's customizers hold), the service's
 * {@code connect-timeout} and {@code read-timeout} and, for a service with a
 * {@code tls.bundle} or with {@code tls.verify-hostname} off, its own SSL bundle. When a
 * bundle is reloaded, the clients built with it are dropped and the next call builds a
 * new one with the new bundle: new connections use it, calls in flight finish on the old
 * one.
 * <p>
 * Thread-safe: a call finds its service's client without a lock; building and dropping
 * clients take this object's lock.
 *
 * @author datapunk mesh team
 */
public final class ServiceTransports implements AttemptTransports {

	private static final boolean HTTP_COMPONENTS_PRESENT = ClassUtils
		.isPresent("org.apache.hc.client5.http.classic.HttpClient", ServiceTransports.class.getClassLoader());

	private final MeshSettings settings;

	private final ClientHttpRequestFactoryBuilder<?> builder;

	private final AttemptClientSettings baseSettings;

	private final ServiceTlsBundles tlsBundles;

	private final Map<String, AttemptTransport> byService = new ConcurrentHashMap<>();

	private final Map<Key, AttemptTransport> byKey = new ConcurrentHashMap<>();

	/**
	 * Clients dropped after a bundle reload, closed at shutdown: calls may still use
	 * them.
	 */
	private final List<AttemptTransport> retired = new ArrayList<>();

	/** Runs timed attempts and writes request bodies: named daemon threads, bounded. */
	private final ExecutorService workers;

	/**
	 * Ends HttpClient 5 attempts that pass their time limit; one thread for every
	 * service, started at the first attempt and ended when idle.
	 */
	private final ScheduledExecutorService watchdog = MeshThreads.scheduler("deadline-watchdog", 1);

	public ServiceTransports(MeshSettings settings, ClientHttpRequestFactoryBuilder<?> builder,
			AttemptClientSettings baseSettings, ServiceTlsBundles tlsBundles) {
		this.settings = settings;
		this.builder = SingleRequestAttempts.withoutClientRetries(builder);
		this.baseSettings = baseSettings;
		this.tlsBundles = tlsBundles;
		AtomicInteger threads = new AtomicInteger();
		this.workers = new ThreadPoolExecutor(0, MAX_ATTEMPT_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "mesh-attempt-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		tlsBundles.onReload(this::dropClientsOf);
	}

	@Override
	public AttemptTransport forService(String serviceId) {
		AttemptTransport transport = this.byService.get(serviceId);
		return (transport != null) ? transport : build(serviceId);
	}

	private synchronized AttemptTransport build(String serviceId) {
		AttemptTransport transport = this.byService.get(serviceId);
		if (transport == null) {
			ServiceSettings service = this.settings.service(serviceId);
			TlsSettings tls = service.tls();
			Key key = new Key(capped(service.connectTimeout(), service), capped(service.readTimeout(), service),
					tls.isCustomized() ? tls.bundle() : null, !tls.isCustomized() || tls.verifyHostname());
			transport = this.byKey.get(key);
			if (transport == null) {
				transport = create(key, service);
				this.byKey.put(key, transport);
			}
			this.byService.put(serviceId, transport);
		}
		return transport;
	}

	/**
	 * Forget which client idle services use. The clients stay: they are shared by
	 * settings, of which there are as many as the configuration has.
	 * @param serviceIds idle services
	 */
	@Override
	public void release(Set<String> serviceIds) {
		serviceIds.forEach(this.byService::remove);
	}

	/**
	 * Return a client timeout no longer than the service's attempt timeout: the mesh
	 * gives up an attempt then, and a client other than the JDK's, whose timeouts are
	 * fixed when it is built, would otherwise hold the attempt's
	 *
	 * thread (and connection) on an instance that sends nothing until its own, longer,
	 * timeout.
	 */

	private Duration capped(Duration clientTimeout, ServiceSettings service) {
		Duration attemptTimeout = service.attemptTimeout();
		boolean jdk = this.builder instanceof JdkClientHttpRequestFactoryBuilder;
		return (!jdk && attemptTimeout != null && attemptTimeout.compareTo(clientTimeout) < 0) ? attemptTimeout
				: clientTimeout;
	}

	/**
	 * Drop the clients built with a bundle that was just reloaded. Its new version is
	 * already in place, so a client built after this, or while this waits for the lock,
	 * uses it.
	 */
	private synchronized void dropClientsOf(String bundle) {
		List<AttemptTransport> dropped = new ArrayList<>();
		this.byKey.entrySet().removeIf((entry) -> {
			boolean uses = bundle.equals(entry.getKey().bundle());
			if (uses) {
				dropped.add(entry.getValue());
			}
			return uses;
		});
		this.byService.values().removeIf(dropped::contains);
		// Calls in flight keep their own reference; only what must be closed is kept.
		dropped.stream().filter(AttemptTransport::holdsResources).forEach(this.retired::add);
	}

	private AttemptTransport create(Key key, ServiceSettings service) {
		ClientCertificateRequests requests = new ClientCertificateRequests(key.bundle());
		SslBundle bundle = this.tlsBundles.bundleFor(service, requests);
		AttemptClientSettings settings = this.baseSettings.withTimeouts(key.connect(), key.read());
		if (bundle == null) {
			return create(key, settings);
		}
		return new ClientCertificateAwareTransport(create(key, settings.withSslBundle(bundle)), requests);
	}

	private AttemptTransport create(Key key, AttemptClientSettings settings) {
		if (this.builder instanceof JdkClientHttpRequestFactoryBuilder jdk) {
			// Keep the HttpClient.Builder that the builder configured (settings and the
			// application's customizers applied), to build the client attempts share.
			AtomicReference<HttpClient.Builder> configured = new AtomicReference<>();
			settings.build(jdk.withHttpClientCustomizer(configured::set));
			return new JdkAttemptTransport(configured.get().build(), this.workers, key.read());
		}
		ClientHttpRequestFactory factory = settings.build(this.builder);
		if (HTTP_COMPONENTS_PRESENT) {
			// HttpClient 5 takes timeouts per request: its attempts need no worker.
			AttemptTransport callerThread = HttpComponentsAttemptTransport.over(factory, this.watchdog, key.connect(),
					key.read());
			if (callerThread != null) {
				return callerThread;
			}
		}
		return new TimedAttemptTransport(factory, this.workers);
	}

	@Override
	public synchronized void close() {
		this.byKey.values().forEach(AttemptTransport::close);
		this.retired.forEach(AttemptTransport::close);
		this.byKey.clear();
		this.byService.clear();
		this.retired.clear();
		this.workers.shutdownNow();
		MeshThreads.shutdown(this.watchdog);
	}

	/**
	 * What makes two services' clients the same.
	 *
	 * @param bundle the SSL bundle, or {@code null} for the client's default TLS
	 * configuration (with host names verified) or the JVM's default trust (without)
	 */
	private record Key(Duration connect, Duration read, String bundle, boolean verifyHostname) {
	}

}
