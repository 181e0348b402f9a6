package io.datapunk.mesh.autoconfigure.actuate;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

import io.datapunk.mesh.autoconfigure.actuate.MeshDescriptor.ServiceSummary;
import io.datapunk.mesh.autoconfigure.actuate.ServiceDescriptor.CircuitBreakerDescriptor;
import io.datapunk.mesh.autoconfigure.actuate.ServiceDescriptor.InstanceDescriptor;
import io.datapunk.mesh.autoconfigure.actuate.ServiceDescriptor.RetriesDescriptor;
import io.datapunk.mesh.internal.balancer.ConfiguredLoadBalancer;
import io.datapunk.mesh.internal.balancer.InstanceLoad;
import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.spi.MeshLoadBalancer;
import io.datapunk.mesh.internal.config.MeshSettings;
import io.datapunk.mesh.internal.discovery.DiscoveryStatusSource;
import io.datapunk.mesh.internal.config.TlsSettings;
import io.datapunk.mesh.internal.health.MeshServices;
import io.datapunk.mesh.internal.health.ServiceState;
import io.datapunk.mesh.internal.resilience.InstanceOutlierState;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.internal.resilience.RetryBudget;
import io.datapunk.mesh.internal.resilience.ServiceResilience;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Builds the status endpoint's descriptors from the mesh's live state. Reads only: no
 * service is created, no request sent. Nothing secret is read, so nothing secret can
 * appear: addresses, counts, states and settings that are not credentials.
 *
 * @author datapunk mesh team
 */
final class MeshDescriptors {

	private final MeshSettings settings;

	private final MeshServices services;

	private final MeshLoadBalancer balancer;

	private final InstanceLoads loads;

	private final String sources;

	private final List<DiscoveryStatusSource> statusSources;

	MeshDescriptors(MeshSettings settings, MeshServices services, MeshLoadBalancer balancer, InstanceLoads loads,
			String sources, List<DiscoveryStatusSource> statusSources) {
		this.statusSources = List.copyOf(statusSources);
		this.settings = settings;
		this.services = services;
		this.balancer = balancer;
		this.loads = loads;
		this.sources = sources;
	}

	MeshDescriptor mesh() {
		Map<String, ServiceSummary> summaries = new TreeMap<>();
		for (String serviceId : this.services.names()) {
			ServiceState state = this.services.state(serviceId);
			summaries.put(serviceId, new ServiceSummary(status(state), state.instances(), state.available(),
					state.ejected(), state.breakerState(), loadBalancer(serviceId), state.critical()));
		}
		return new MeshDescriptor(this.settings.getServiceName(), this.settings.getConfigVersion(),
				this.settings.getZone(), new MeshDescriptor.DiscoveryDescriptor(this.sources, discoveryStatus()),
				summaries);
	}

	private Map<String, Map<String, Object>> discoveryStatus() {
		Map<String, Map<String, Object>> status = new TreeMap<>();
		for (DiscoveryStatusSource source : this.statusSources) {
			status.put(source.statusName(), source.status());
		}
		return status;
	}

	ServiceDescriptor service(String serviceId) {
		if (!this.services.isKnown(serviceId)) {
			return null;
		}
		ServiceState state = this.services.state(serviceId);
		ServiceResilience resilience = this.services.resilience(serviceId);
		OutlierDetector outliers = (resilience != null) ? resilience.outlierDetector() : null;
		return new ServiceDescriptor(serviceId, status(state), loadBalancer(serviceId),
				outliers != null && outliers.isPanicking(), instances(serviceId, outliers),
				(resilience != null) ? circuitBreaker(resilience.circuitBreaker()) : null,
				(resilience != null) ? retries(resilience) : null, tls(serviceId));
	}

	private ServiceDescriptor.TlsDescriptor tls(String serviceId) {
		TlsSettings tls = this.settings.service(serviceId).tls();
		return new ServiceDescriptor.TlsDescriptor(tls.enabled(), tls.bundle(), tls.verifyHostname());
	}

	private List<InstanceDescriptor> instances(String serviceId, OutlierDetector outliers) {
		Map<URI, InstanceOutlierState> outlierStates = new TreeMap<>();
		if (outliers != null) {
			outliers.snapshot().forEach((state) -> outlierStates.put(state.instance(), state));
		}
		List<InstanceDescriptor> instances = new ArrayList<>();
		for (ServiceInstance instance : this.services.instances(serviceId)) {
			URI address = URI
				.create((instance.isSecure() ? "https" : "http") + "://" + hostOf(instance) + ":" + instance.getPort());
			InstanceOutlierState outlier = outlierStates.get(address);
			boolean ejected = outliers != null && outliers.isEjected(instance);
			InstanceLoad load = this.loads.of(serviceId, instance);
			Double latency = load.hasObservations() ? load.averageNanos() / 1_000_000.0 : null;
			instances.add(new InstanceDescriptor(address.toString(), zoneOf(instance),
					ejected ? "EJECTED" : "AVAILABLE", ejected && outlier != null ? outlier.ejectedUntil() : null,
					(outlier != null) ? outlier.consecutiveFailures() : 0,
					(outlier != null) ? outlier.ejectionCount() : 0, latency, load.inFlight()));
		}
		return instances;
	}

	private static String hostOf(ServiceInstance instance) {
		String host = instance.getHost();
		return (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
	}

	private static String zoneOf(ServiceInstance instance) {
		Map<String, String> metadata = instance.getMetadata();
		return (metadata != null) ? metadata.get("zone") : null;
	}

	private static CircuitBreakerDescriptor circuitBreaker(CircuitBreaker breaker) {
		if (breaker == null) {
			return null;
		}
		CircuitBreaker.Metrics metrics = breaker.getMetrics();
		return new CircuitBreakerDescriptor(breaker.getState().name(), metrics.getFailureRate(),
				metrics.getSlowCallRate(), metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls(),
				metrics.getNumberOfNotPermittedCalls());
	}

	private static RetriesDescriptor retries(ServiceResilience resilience) {
		RetryBudget budget = resilience.retryBudget();
		return new RetriesDescriptor(counts(resilience.statistics().retries()),
				counts(resilience.statistics().requeues()), budget.available(),
				resilience.statistics().budgetExhaustedCount(), budget.retryRatio(), budget.minRetriesPerSecond(),
				budget.window());
	}

	private static Map<String, Long> counts(Map<String, LongAdder> counters) {
		Map<String, Long> counts = new TreeMap<>();
		counters.forEach((reason, count) -> counts.put(reason, count.sum()));
		return counts;
	}

	private String loadBalancer(String serviceId) {
		if (this.balancer instanceof ConfiguredLoadBalancer) {
			return this.settings.service(serviceId).loadBalancer().configName();
		}
		return this.balancer.getClass().getName();
	}

	private static String status(ServiceState state) {
		return state.isDown() ? "DOWN" : "UP";
	}

}
