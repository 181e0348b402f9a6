package io.datapunk.mesh.internal.engine;

import java.util.Set;

import io.datapunk.mesh.CircuitOpenException;
import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.ServiceNotFoundException;
import io.datapunk.mesh.internal.config.ServiceSettings;
import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.internal.discovery.IdleServices;
import io.datapunk.mesh.internal.discovery.LookupDeadline;
import io.datapunk.mesh.internal.discovery.ServiceStateHolder;
import io.datapunk.mesh.internal.resilience.Deadline;
import io.datapunk.mesh.internal.resilience.InboundDeadline;
import io.datapunk.mesh.internal.resilience.ResilienceRegistry;
import io.datapunk.mesh.internal.resilience.ServiceResilience;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.spi.MeshLoadBalancer;

/**
 * The call policy, apart from any HTTP client: turns one logical call into attempts on
 * chosen instances through the caller's {@link AttemptSender}, under the service's
 * deadline and circuit breaker, with requeues and retries within its retry budget, and
 * maps failures to {@link MeshException}s. Client adapters turn their requests into a
 * {@link CallRequest} and a sender, and the answer back. Thread-safe: each call has state
 * of its own.
 *
 * @since 0.1.0
 */
public final class MeshCallEngine implements ServiceStateHolder {

	private final MeshDiscovery discovery;

	private final ResilienceRegistry resilience;

	private volatile EngineParts parts;

	private volatile IdleServices idleServices;

	/**
	 * Create the engine.
	 * @param discovery where instances come from
	 * @param strategy chooses an instance per attempt among the candidates
	 * @param loads where each attempt's latency and in-flight count are reported
	 * @param resilience the circuit breakers, retry budgets and outlier detectors
	 * @param zone this application's zone, whose instances are preferred, or {@code null}
	 * @param propagateDeadlines whether deadlines are received and sent on
	 */
	public MeshCallEngine(MeshDiscovery discovery, MeshLoadBalancer strategy, InstanceLoads loads,
			ResilienceRegistry resilience, String zone, boolean propagateDeadlines) {
		this(discovery, strategy, loads, resilience, zone, propagateDeadlines, CallClock.SYSTEM);
	}

	MeshCallEngine(MeshDiscovery discovery, MeshLoadBalancer strategy, InstanceLoads loads,
			ResilienceRegistry resilience, String zone, boolean propagateDeadlines, CallClock clock) {
		this.discovery = discovery;
		this.resilience = resilience;
		this.parts = new EngineParts(discovery, new CandidateChain(strategy, zone), loads, AttemptObserver.NONE, clock,
				propagateDeadlines);
	}

	/**
	 * Observe each attempt with the given observer.
	 * @param observer the observer, {@link AttemptObserver#NONE} for none
	 */
	public void setObserver(AttemptObserver observer) {
		this.parts = this.parts.withObserver(observer);
	}

	/**
	 * Record each call's service in the given tracker, so that what is kept for a service
	 * nobody calls any more is released.
	 * @param idleServices the tracker
	 */
	public void setIdleServices(IdleServices idleServices) {
		this.idleServices = idleServices;
	}

	/**
	 * Make a call.
	 * @param <R> the transport's answers
	 * @param request the logical request
	 * @param sender sends each attempt
	 * @return the answer, its body's start read
	 * @throws ServiceNotFoundException if the service has no instances
	 * @throws CircuitOpenException if the service's breaker does not permit the call
	 * @throws MeshException if the call failed (retries exhausted, deadline exceeded)
	 */
	public <R extends AttemptResponse> R call(CallRequest request, AttemptSender<R> sender) {
		return call(resilienceOf(request.serviceId()), request, sender);
	}

	<R extends AttemptResponse> R call(ServiceResilience service, CallRequest request, AttemptSender<R> sender) {
		EngineParts parts = this.parts;
		Deadline own = Deadline.after(service.settings().timeout(), parts.clock().ticker());
		Deadline deadline = parts.propagateDeadlines() ? own.earliest(InboundDeadline.current()) : own;
		return BreakerGuard.run(service, new CallLoop<>(service, request, sender, parts, deadline, deadline != own));
	}

	/**
	 * Return a service's resilience, creating it only for a service that has instances: a
	 * typo, or a host taken from user input, gets a breaker, meters and budgets of its
	 * own never, and its look-up's traces (a cached empty list, a watch) only until it is
	 * idle.
	 */
	private ServiceResilience resilienceOf(String serviceId) {
		ServiceResilience service = knownService(serviceId);
		return (service != null) ? service : newService(serviceId, InboundDeadline.current());
	}

	/** Return the resilience of a service called before, {@code null} for a new one. */
	ServiceResilience knownService(String serviceId) {
		IdleServices idle = this.idleServices;
		if (idle != null) {
			idle.touch(serviceId);
		}
		return this.resilience.find(serviceId);
	}

	/**
	 * Look a new service up, and create its resilience if it has instances. The first
	 * look-up may wait on a source.
	 * @throws ServiceNotFoundException if it has none
	 */
	ServiceResilience newService(String serviceId, Deadline inbound) {
		if (!hasInstances(serviceId, inbound)) {
			throw new ServiceNotFoundException(serviceId, this.discovery.describeSources());
		}
		return this.resilience.forService(serviceId);
	}

	/**
	 * Look a service up before anything is created for it, within the deadline its call
	 * will have: a first lookup that waits on Consul, DNS or Redis must not outlast it.
	 */
	private boolean hasInstances(String serviceId, Deadline inbound) {
		Deadline own = Deadline.after(this.resilience.settingsOf(serviceId).timeout());
		Deadline deadline = this.parts.propagateDeadlines() ? own.earliest(inbound) : own;
		try (LookupDeadline.Scope lookup = LookupDeadline.within(deadline.remaining())) {
			return !this.discovery.getInstances(serviceId).isEmpty();
		}
	}

	/** Return a service's settings, as its calls get them. */
	ServiceSettings settingsOf(String serviceId) {
		return this.resilience.settingsOf(serviceId);
	}

	/** Return what every call shares. */
	EngineParts parts() {
		return this.parts;
	}

	@Override
	public void release(Set<String> serviceIds) {
		this.parts.chain().release(serviceIds);
	}

}
