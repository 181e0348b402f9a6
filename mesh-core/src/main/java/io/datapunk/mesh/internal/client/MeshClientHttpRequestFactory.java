package io.datapunk.mesh.internal.client;

import java.net.URI;
import java.util.Set;

import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.spi.MeshLoadBalancer;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.discovery.IdleServices;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.internal.discovery.ServiceStateHolder;
import io.datapunk.mesh.internal.engine.MeshCallEngine;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * The mesh's entry point under a {@code RestClient}: a request to
 * {@code http://<service>/path} is sent to an instance of the service chosen by the mesh.
 * <p>
 * The mesh sits here, under every {@code ClientHttpRequestInterceptor}, rather than being
 * one: Spring runs interceptors through a single-use iterator, so an interceptor that
 * sends a request twice skips the interceptors after it the second time. Here, the
 * application's interceptors run once per logical call and see the logical URL, and each
 * attempt is a fresh request on the service's own transport (its own timeouts).
 * Thread-safe.
 *
 * @since 0.1.0
 */
public class MeshClientHttpRequestFactory implements ClientHttpRequestFactory, ServiceStateHolder, DisposableBean {

	private final AttemptTransports transports;

	private final MeshCallEngine engine;

	private final MeshCallExecutor executor;

	/**
	 * Create the factory.
	 * @param settings the mesh settings
	 * @param discovery where instances come from
	 * @param balancer chooses an instance per attempt
	 * @param transports the HTTP clients that carry attempts, closed with this factory
	 * @param resilience the circuit breakers, retry budgets and outlier detectors
	 * @param loads where each attempt's latency and in-flight count are reported
	 */
	public MeshClientHttpRequestFactory(MeshSettings settings, MeshDiscovery discovery, MeshLoadBalancer balancer,
			AttemptTransports transports, ResilienceRegistry resilience, InstanceLoads loads) {
		this.transports = transports;
		this.engine = new MeshCallEngine(discovery, balancer, loads, resilience, settings.getZone(),
				settings.isDeadlinePropagationEnabled());
		this.executor = new MeshCallExecutor(this.engine, transports);
	}

	/**
	 * Observe each attempt in the given registry (one observation per attempt; the
	 * logical call is observed by the {@code RestClient} above).
	 * @param observations the registry, {@link ObservationRegistry#NOOP} for none
	 */
	public void setObservationRegistry(ObservationRegistry observations) {
		this.engine.setObserver(new AttemptObservations(observations));
	}

	/**
	 * Record each call's service in the given tracker, so that what is kept for a service
	 * nobody calls any more is released.
	 * @param idleServices the tracker
	 */
	public void setIdleServices(IdleServices idleServices) {
		this.engine.setIdleServices(idleServices);
	}

	/**
	 * Forget which HTTP client idle services use, and their zone candidates; the clients
	 * themselves, shared by every service with the same settings, stay.
	 * @param serviceIds idle services
	 */
	@Override
	public void release(Set<String> serviceIds) {
		this.transports.release(serviceIds);
		this.engine.release(serviceIds);
	}

	/**
	 * Return the engine calls go through, so that a reactive client takes the same policy
	 * state (candidate zones, observer, idle services).
	 * @return the engine
	 */
	public MeshCallEngine getEngine() {
		return this.engine;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new MeshClientHttpRequest(uri, httpMethod, this.executor);
	}

	@Override
	public void destroy() {
		this.transports.close();
	}

}
