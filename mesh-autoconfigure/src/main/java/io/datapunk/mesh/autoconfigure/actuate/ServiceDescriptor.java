package io.datapunk.mesh.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One called service in detail: {@code GET /actuator/mesh/{service}}.
 *
 * @param service the service name
 * @param status {@code UP}, or {@code DOWN} when no instance is available or the breaker
 * is open
 * @param loadBalancer the strategy that picks instances
 * @param panic whether calls go to every instance because too few are available
 * @param instances the instances discovery knows, with what the mesh measured of them
 * @param circuitBreaker the service's breaker, or {@code null} without one
 * @param retries the retries and requeues so far and the budget they draw on
 * @param tls the service's TLS settings
 * @since 0.1.0
 */
public record ServiceDescriptor(String service, String status, String loadBalancer, boolean panic,
		List<InstanceDescriptor> instances, CircuitBreakerDescriptor circuitBreaker, RetriesDescriptor retries,
		TlsDescriptor tls) implements OperationResponseBody {

	/**
	 * The service's TLS settings: names and switches only, never key material or
	 * passwords.
	 *
	 * @param enabled whether every instance is called over HTTPS (others only when their
	 * address or metadata says so)
	 * @param bundle the SSL bundle's name, or {@code null} for the JVM's default trust
	 * @param verifyHostname whether instances' certificates must name their host
	 */
	public record TlsDescriptor(boolean enabled, String bundle, boolean verifyHostname) {

	}

	/**
	 * One instance.
	 *
	 * @param address {@code scheme://host:port}
	 * @param zone the instance's {@code zone} metadata, or {@code null}
	 * @param state {@code AVAILABLE} or {@code EJECTED}
	 * @param ejectedUntil when an ejection ends, or {@code null}
	 * @param consecutiveFailures failures since the last success
	 * @param ejections how often it was ejected
	 * @param latencyMillis the peak-sensitive latency average, or {@code null} before a
	 * first answer
	 * @param inFlight requests in flight now
	 */
	public record InstanceDescriptor(String address, String zone, String state, Instant ejectedUntil,
			int consecutiveFailures, int ejections, Double latencyMillis, int inFlight) {

	}

	/**
	 * The service's circuit breaker.
	 *
	 * @param state its state
	 * @param failureRate the failure rate in percent, -1 until enough calls were made
	 * @param slowCallRate the slow call rate in percent, -1 until enough calls were made
	 * @param bufferedCalls the calls in the window
	 * @param failedCalls the failed calls in the window
	 * @param notPermittedCalls the calls refused since the breaker was created
	 */
	public record CircuitBreakerDescriptor(String state, float failureRate, float slowCallRate, int bufferedCalls,
			int failedCalls, long notPermittedCalls) {

	}

	/**
	 * Retries and requeues of the service.
	 *
	 * @param retries failed attempts that reached a server, sent again, by reason
	 * @param requeues attempts that never reached a server, sent elsewhere, by reason
	 * @param budgetAvailable retries and requeues the budget allows now
	 * @param budgetExhausted calls that failed because the budget was spent
	 * @param retryRatio the budget's ratio of retries to calls
	 * @param minRetriesPerSecond the budget's floor
	 * @param window the budget's window
	 */
	public record RetriesDescriptor(Map<String, Long> retries, Map<String, Long> requeues, long budgetAvailable,
			long budgetExhausted, double retryRatio, int minRetriesPerSecond, Duration window) {

	}

}
