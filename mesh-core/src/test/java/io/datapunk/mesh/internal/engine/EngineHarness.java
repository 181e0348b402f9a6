package io.datapunk.mesh.internal.engine;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.datapunk.mesh.LoadBalancing;
import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.internal.config.CircuitBreakerSettings;
import io.datapunk.mesh.internal.config.OutlierDetectionSettings;
import io.datapunk.mesh.internal.config.RetryBudgetSettings;
import io.datapunk.mesh.internal.config.RetrySettings;
import io.datapunk.mesh.internal.config.ServiceSettings;
import io.datapunk.mesh.internal.config.TlsSettings;
import io.datapunk.mesh.internal.support.Backoff;
import io.datapunk.mesh.internal.resilience.CallStatistics;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.internal.resilience.RetryBudget;
import io.datapunk.mesh.internal.resilience.RetryPolicy;
import io.datapunk.mesh.internal.resilience.ServiceResilience;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.spi.MeshLoadBalancer;
import io.datapunk.mesh.spi.RetryCondition;
import io.datapunk.mesh.test.FakeTicker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;

/**
 * Builds an engine and one service's resilience around a {@link FakeTicker}, with no
 * Spring context: backoffs move the ticker instead of sleeping, and the strategy takes
 * the first candidate, so every choice is the chain's.
 */
final class EngineHarness {

	static final String SERVICE = "inventory";

	/** The strategy: the first candidate the chain leaves. */
	static final MeshLoadBalancer FIRST = (serviceId, candidates) -> candidates.get(0);

	final FakeTicker ticker = new FakeTicker();

	final List<Duration> pauses = new ArrayList<>();

	final FakeTransport transport = new FakeTransport(this.ticker);

	final CallStatistics statistics = new CallStatistics();

	RetrySettings retry = new RetrySettings(3, Duration.ofMillis(100), Duration.ofSeconds(1), Set.of(502, 503, 504),
			List.of(IOException.class), RetrySettings.DEFAULTS.methods());

	RetryBudget budget = new RetryBudget(0.2, 10, Duration.ofSeconds(10), this.ticker);

	Duration timeout = Duration.ofSeconds(10);

	CircuitBreaker breaker;

	OutlierDetector outliers;

	List<RetryCondition> conditions = List.of();

	String zone;

	static ServiceInstance instance(int port) {
		return instance(port, Map.of());
	}

	static ServiceInstance instance(int port, Map<String, String> metadata) {
		return new DefaultServiceInstance(SERVICE + "-" + port, SERVICE, "127.0.0.1", port, false, metadata);
	}

	static List<ServiceInstance> instances(int... ports) {
		List<ServiceInstance> instances = new ArrayList<>();
		for (int port : ports) {
			instances.add(instance(port));
		}
		return instances;
	}

	static OutlierDetector outlierDetector(int consecutiveFailures, double maxEjectionRatio, double panicThreshold) {
		return new OutlierDetector(SERVICE, consecutiveFailures, Duration.ofSeconds(30), Duration.ofSeconds(300),
				maxEjectionRatio, panicThreshold, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
	}

	ServiceResilience service() {
		ServiceSettings settings = new ServiceSettings(SERVICE, List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1),
				this.timeout, null, LoadBalancing.ROUND_ROBIN, CircuitBreakerSettings.DEFAULTS, this.retry,
				RetryBudgetSettings.DEFAULTS, OutlierDetectionSettings.DEFAULTS, TlsSettings.DEFAULTS);
		return new ServiceResilience(SERVICE, settings, this.breaker, new RetryPolicy(this.retry, this.conditions),
				this.budget, new Backoff(this.retry.baseBackoff(), this.retry.maxBackoff()), this.outliers,
				this.statistics);
	}

	MeshCallEngine engine(List<ServiceInstance> instances) {
		CallClock clock = new CallClock(this.ticker, (duration) -> {
			this.pauses.add(duration);
			this.ticker.advance(duration);
		});
		return new MeshCallEngine(discovery(instances), FIRST, new InstanceLoads(), null, this.zone, false, clock);
	}

	FakeAnswer call(HttpMethod method, List<ServiceInstance> instances) {
		return call(method, false, instances);
	}

	FakeAnswer call(HttpMethod method, boolean markedIdempotent, List<ServiceInstance> instances) {
		return engine(instances).call(service(), request(method, markedIdempotent), this.transport);
	}

	static CallRequest request(HttpMethod method, boolean markedIdempotent) {
		return new CallRequest(SERVICE, new LogicalRequest(method, URI.create("http://" + SERVICE + "/items/1")),
				new HttpHeaders(), markedIdempotent);
	}

	private static MeshDiscovery discovery(List<ServiceInstance> instances) {
		return new MeshDiscovery() {

			@Override
			public List<ServiceInstance> getInstances(String serviceId) {
				return instances;
			}

			@Override
			public String describeSources() {
				return "a fixed list";
			}

		};
	}

	/** The logical request a client adapter would hand over. */
	record LogicalRequest(HttpMethod method, URI uri) implements HttpRequest {

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public HttpHeaders getHeaders() {
			return new HttpHeaders();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return Map.of();
		}

	}

}
