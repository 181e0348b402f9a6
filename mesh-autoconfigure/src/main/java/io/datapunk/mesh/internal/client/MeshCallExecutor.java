package io.datapunk.mesh.internal.client;

import java.net.URI;

import io.datapunk.mesh.CircuitOpenException;
import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.ServiceNotFoundException;
import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.spi.MeshLoadBalancer;
import io.datapunk.mesh.internal.config.ServiceNames;
import io.datapunk.mesh.internal.discovery.IdleServices;
import io.datapunk.mesh.internal.discovery.LookupDeadline;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.internal.resilience.Deadline;
import io.datapunk.mesh.internal.resilience.InboundDeadline;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.internal.resilience.ServiceResilience;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;
import io.datapunk.mesh.autoconfigure.client.ServiceTransports;

/**
 * The call pipeline: turns one logical request ({@code http://inventory/items/42}) into
 * attempts on chosen instances, under the service's circuit breaker and deadline, and
 * maps failures to {@link MeshException}s. The breaker judges whole calls (a call that
 * succeeded on its second attempt is a success); instances are judged per attempt, by
 * outlier ejection. Thread-safe and stateless apart from its collaborators.
 *
 * @author datapunk mesh team
 */
final class MeshCallExecutor {

	private final MeshDiscovery discovery;

	private final MeshLoadBalancer balancer;

	private final InstanceLoads loads;

	private final ServiceTransports transports;

	private final ResilienceRegistry resilience;

	private final boolean propagateDeadlines;

	private volatile AttemptObservations observations = AttemptObservations.NONE;

	private volatile IdleServices idleServices;

	MeshCallExecutor(MeshDiscovery discovery, MeshLoadBalancer balancer, InstanceLoads loads,
			ServiceTransports transports, ResilienceRegistry resilience, boolean propagateDeadlines) {
		this.discovery = discovery;
		this.balancer = balancer;
		this.loads = loads;
		this.transports = transports;
		this.resilience = resilience;
		this.propagateDeadlines = propagateDeadlines;
	}

	ClientHttpResponse execute(MeshClientHttpRequest request, HttpHeaders headers, byte[] body) {
		String serviceId = serviceIdOf(request);
		ServiceResilience service = resilienceOf(serviceId);
		Deadline own = Deadline.after(service.settings().timeout());
		Deadline deadline = this.propagateDeadlines ? own.earliest(InboundDeadline.current()) : own;
		CircuitBreaker breaker = service.circuitBreaker();
		if (breaker == null) {
			return newCall(service, request, headers, body, deadline, deadline != own).run();
		}
		if (!breaker.tryAcquirePermission()) {
			throw new CircuitOpenException(serviceId, breaker.getState().name(), breaker.getMetrics().getFailureRate(),
					null);
		}
		long start = breaker.getCurrentTimestamp();
		MeshCall call = null;
		try {
			call = newCall(service, request, headers, body, deadline, deadline != own);
			ClientHttpResponse response = call.run();
			long duration = breaker.getCurrentTimestamp() - start;
			int status = call.answeredStatus();
			if (status >= 500) {
				breaker.onError(duration, breaker.getTimestampUnit(), new ServerErrorStatus(serviceId, status));
			}
			else {
				breaker.onSuccess(duration, breaker.getTimestampUnit());
			}
			return response;
		}
		catch (MeshException ex) {
			if (ex.getAttempts().isEmpty() || (call != null && call.endedByCaller())) {
				// Nothing reached the service, or its caller gave up: neither says
				// anything
				// of the service's health (a tiny Mesh-Timeout must not open the
				// breaker).
				breaker.releasePermission();
			}
			else {
				breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), ex);
			}
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), ex);
			throw ex;
		}
	}

	/**
	 * Return a service's resilience, creating it only for a service that has instances: a
	 * typo, or a host taken from user input, gets a breaker, meters and budgets of its
	 * own never, and its look-up's traces (a cached empty list, a watch) only until it is
	 * idle.
	 */
	private ServiceResilience resilienceOf(String serviceId) {
		IdleServices idle = this.idleServices;
		if (idle != null) {
			idle.touch(serviceId);
		}
		ServiceResilience service = this.resilience.find(serviceId);
		if (service == null) {
			if (!hasInstances(serviceId)) {
				throw new ServiceNotFoundException(serviceId, this.discovery.describeSources());
			}
			service = this.resilience.forService(serviceId);
		}
		return service;
	}

	/**
	 * Look a service up before anything is created for it, within the deadline its call
	 * will have: a first lookup that waits on Consul, DNS or Redis must not outlast it.
	 */
	private boolean hasInstances(String serviceId) {
		Deadline own = Deadline.after(this.resilience.settingsOf(serviceId).timeout());
		Deadline deadline = this.propagateDeadlines ? own.earliest(InboundDeadline.current()) : own;
		try (LookupDeadline.Scope lookup = LookupDeadline.within(deadline.remaining())) {
			return !this.discovery.getInstances(serviceId).isEmpty();
		}
	}

	private MeshCall newCall(ServiceResilience service, MeshClientHttpRequest request, HttpHeaders headers, byte[] body,
			Deadline deadline, boolean callerDeadline) {
		return new MeshCall(service, request, headers, body, deadline, callerDeadline, this.discovery, this.balancer,
				this.loads, this.transports.forService(service.serviceId()), this.propagateDeadlines,
				this.observations);
	}

	void setIdleServices(IdleServices idleServices) {
		this.idleServices = idleServices;
	}

	void setObservationRegistry(ObservationRegistry observations) {
		this.observations = new AttemptObservations(observations);
	}

	private static String serviceIdOf(MeshClientHttpRequest request) {
		URI logicalUri = request.getURI();
		// URI.getHost() is null for a host that is not a host name (an underscore, say).
		String host = (logicalUri.getHost() != null) ? logicalUri.getHost() : withoutUserInfo(logicalUri);
		// The query and any user info are left out of the description: they may carry
		// secrets.
		return ServiceNames.requireValid(host, () -> "the host of mesh URL " + logicalUri.getScheme() + "://"
				+ withoutUserInfo(logicalUri) + logicalUri.getRawPath());
	}

	private static String withoutUserInfo(URI uri) {
		String authority = uri.getRawAuthority();
		return (authority != null) ? authority.substring(authority.lastIndexOf('@') + 1) : null;
	}

}
