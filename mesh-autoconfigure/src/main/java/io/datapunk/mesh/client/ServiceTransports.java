package io.datapunk.mesh.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.datapunk.mesh.config.MeshSettings;
import io.datapunk.mesh.config.ServiceSettings;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;

/**
 * The real HTTP clients that carry attempts, one per distinct pair of timeouts, so that
 * services with the same settings share a connection pool. Built with the application's
 * {@link ClientHttpRequestFactoryBuilder} (so {@code spring.http.client.*} choices and
 * the builder's customizers hold) and the service's {@code connect-timeout} and
 * {@code read-timeout}. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class ServiceTransports {

	private final MeshSettings settings;

	private final ClientHttpRequestFactoryBuilder<?> builder;

	private final ClientHttpRequestFactorySettings baseSettings;

	private final Map<String, AttemptTransport> byService = new ConcurrentHashMap<>();

	private final Map<Timeouts, AttemptTransport> byTimeouts = new ConcurrentHashMap<>();

	/** Runs timed attempts and writes request bodies: cached daemon threads. */
	private final ExecutorService workers;

	ServiceTransports(MeshSettings settings, ClientHttpRequestFactoryBuilder<?> builder,
			ClientHttpRequestFactorySettings baseSettings) {
		this.settings = settings;
		this.builder = builder;
		this.baseSettings = baseSettings;
		AtomicInteger threads = new AtomicInteger();
		this.workers = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "mesh-attempt-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	AttemptTransport forService(String serviceId) {
		AttemptTransport transport = this.byService.get(serviceId);
		if (transport == null) {
			ServiceSettings service = this.settings.service(serviceId);
			Timeouts timeouts = new Timeouts(service.connectTimeout(), service.readTimeout());
			transport = this.byTimeouts.computeIfAbsent(timeouts, this::create);
			this.byService.putIfAbsent(serviceId, transport);
		}
		return transport;
	}

	private AttemptTransport create(Timeouts timeouts) {
		ClientHttpRequestFactorySettings settings = this.baseSettings.withTimeouts(timeouts.connect(), timeouts.read());
		if (this.builder instanceof JdkClientHttpRequestFactoryBuilder jdk) {
			// Keep the HttpClient.Builder that the builder configured (settings and the
			// application's customizers applied), to build the client attempts share.
			AtomicReference<HttpClient.Builder> configured = new AtomicReference<>();
			jdk.withHttpClientCustomizer(configured::set).build(settings);
			return new JdkAttemptTransport(configured.get().build(), this.workers, timeouts.read());
		}
		return new TimedAttemptTransport(this.builder.build(settings), this.workers);
	}

	void close() {
		this.byTimeouts.values().forEach(AttemptTransport::close);
		this.byTimeouts.clear();
		this.byService.clear();
		this.workers.shutdownNow();
	}

	private record Timeouts(Duration connect, Duration read) {
	}

}
