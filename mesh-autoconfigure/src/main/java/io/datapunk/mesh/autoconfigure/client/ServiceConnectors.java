package io.datapunk.mesh.autoconfigure.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.datapunk.mesh.internal.client.ClientCertificateRequests;
import io.datapunk.mesh.internal.client.ServiceExchanges;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.config.ServiceSettings;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeFunctions;
import org.springframework.web.reactive.function.client.ExchangeStrategies;

/**
 * The Reactor Netty connections of the reactive attempts of services whose settings
 * differ from the defaults in what a connector fixes: a {@code tls.bundle},
 * {@code tls.verify-hostname} off, or a {@code connect-timeout} other than
 * {@code mesh.defaults.connect-timeout}. One connector per distinct settings, shared by
 * the services that have them, each with a connection pool of its own, built with Spring
 * Boot's Reactor Netty connector builder (which turns the SSL bundle into Netty's TLS
 * configuration). Services with the default settings go through the application's
 * {@code WebClient} connector. When a bundle is reloaded, the connectors built with it
 * are dropped (new calls build new ones; calls in flight finish on the old pool, closed
 * at shutdown). Bodies are written and read with Spring's default codecs. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class ServiceConnectors implements ServiceExchanges, AutoCloseable {

	private static final ExchangeStrategies STRATEGIES = ExchangeStrategies.withDefaults();

	private final MeshSettings settings;

	private final AttemptClientSettings baseSettings;

	private final ServiceTlsBundles tlsBundles;

	private final Map<ConnectorKey, ExchangeFunction> byKey = new ConcurrentHashMap<>();

	/** Every pool built, disposed at shutdown: calls may still use a dropped one. */
	private final List<ConnectionProvider> pools = new ArrayList<>();

	ServiceConnectors(MeshSettings settings, AttemptClientSettings baseSettings, ServiceTlsBundles tlsBundles) {
		this.settings = settings;
		this.baseSettings = baseSettings;
		this.tlsBundles = tlsBundles;
		tlsBundles.onReload(this::dropConnectorsOf);
	}

	@Override
	public ExchangeFunction forService(String serviceId) {
		ServiceSettings service = this.settings.service(serviceId);
		ConnectorKey key = ConnectorKey.of(service, this.settings.defaults());
		if (key == null) {
			return null;
		}
		ExchangeFunction exchange = this.byKey.get(key);
		return (exchange != null) ? exchange : build(key, service);
	}

	private synchronized ExchangeFunction build(ConnectorKey key, ServiceSettings service) {
		ExchangeFunction exchange = this.byKey.get(key);
		if (exchange == null) {
			SslBundle bundle = this.tlsBundles.bundleFor(service, new ClientCertificateRequests(key.bundle()));
			AttemptClientSettings settings = this.baseSettings.withTimeouts(key.connect(), service.readTimeout());
			ConnectionProvider pool = ConnectionProvider.create("mesh-" + service.serviceId());
			this.pools.add(pool);
			ClientHttpConnector connector = ((bundle != null) ? settings.withSslBundle(bundle) : settings)
				.buildConnector(ClientHttpConnectorBuilder.reactor()
					.withHttpClientFactory(() -> reactor.netty.http.client.HttpClient.create(pool)));
			exchange = ExchangeFunctions.create(connector, STRATEGIES);
			this.byKey.put(key, exchange);
		}
		return exchange;
	}

	/** Drop the connectors built with a bundle that was just reloaded. */
	private synchronized void dropConnectorsOf(String bundle) {
		this.byKey.keySet().removeIf((key) -> bundle.equals(key.bundle()));
	}

	@Override
	public synchronized void close() {
		this.byKey.clear();
		this.pools.forEach(ConnectionProvider::dispose);
		this.pools.clear();
	}

}
