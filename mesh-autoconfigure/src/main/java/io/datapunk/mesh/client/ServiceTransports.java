package io.datapunk.mesh.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.datapunk.mesh.config.MeshSettings;
import io.datapunk.mesh.config.ServiceSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * The real HTTP clients that carry attempts, one per distinct pair of timeouts, so that
 * services with the same settings share a connection pool. Built with the application's
 * {@link ClientHttpRequestFactoryBuilder} (so {@code spring.http.client.*} choices hold)
 * and the service's {@code connect-timeout} and {@code read-timeout}. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class ServiceTransports {

	private static final Log logger = LogFactory.getLog(ServiceTransports.class);

	private final MeshSettings settings;

	private final ClientHttpRequestFactoryBuilder<?> builder;

	private final ClientHttpRequestFactorySettings baseSettings;

	private final Map<String, ClientHttpRequestFactory> byService = new ConcurrentHashMap<>();

	private final Map<Timeouts, ClientHttpRequestFactory> byTimeouts = new ConcurrentHashMap<>();

	ServiceTransports(MeshSettings settings, ClientHttpRequestFactoryBuilder<?> builder,
			ClientHttpRequestFactorySettings baseSettings) {
		this.settings = settings;
		this.builder = builder;
		this.baseSettings = baseSettings;
	}

	ClientHttpRequestFactory forService(String serviceId) {
		ClientHttpRequestFactory factory = this.byService.get(serviceId);
		if (factory == null) {
			ServiceSettings service = this.settings.service(serviceId);
			Timeouts timeouts = new Timeouts(service.connectTimeout(), service.readTimeout());
			factory = this.byTimeouts.computeIfAbsent(timeouts,
					(t) -> this.builder.build(this.baseSettings.withTimeouts(t.connect(), t.read())));
			this.byService.putIfAbsent(serviceId, factory);
		}
		return factory;
	}

	void close() {
		for (ClientHttpRequestFactory factory : this.byTimeouts.values()) {
			try {
				if (factory instanceof DisposableBean disposable) {
					disposable.destroy();
				}
				else if (factory instanceof AutoCloseable closeable) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				logger.debug("Failed to close HTTP client " + factory, ex);
			}
		}
		this.byTimeouts.clear();
		this.byService.clear();
	}

	private record Timeouts(Duration connect, Duration read) {
	}

}
