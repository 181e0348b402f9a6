package io.datapunk.mesh.internal.discovery.consul;

import io.datapunk.mesh.internal.support.MeshJson;
import io.datapunk.mesh.internal.support.MeshThreads;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.cloud.client.ServiceInstance;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The few calls of Consul's HTTP API the mesh makes, over the JDK {@link HttpClient},
 * each through one circuit breaker. The ACL token is sent in the {@code X-Consul-Token}
 * header only, never in a URL, a message or {@link #toString()}. Thread-safe.
 *
 * @since 0.1.0
 */
public class ConsulApi implements AutoCloseable {

	/**
	 * Threads of the HTTP client's own work (answers of blocking queries): a few serve
	 * every watch, however many services are watched.
	 */
	private static final int HTTP_THREADS = 2;

	/** Most pieces of HTTP work waiting for a thread. */
	private static final int HTTP_QUEUE = 10_000;

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

	private final URI base;

	private final String token;

	private final HttpClient http;

	private final CircuitBreaker breaker;

	private final ThreadPoolExecutor httpThreads;

	private final MeshJson json;

	public ConsulApi(URI base, String token, CircuitBreaker breaker) {
		this.base = base;
		this.token = (token != null && !token.isBlank()) ? token : null;
		this.breaker = breaker;
		// Taken now, so that an application without Jackson fails at startup, not at the
		// first answer.
		this.json = MeshJson.get();
		// Queue bounded far above what the watches (one query each) can have in flight.
		this.httpThreads = MeshThreads.pool("consul-http", HTTP_THREADS, HTTP_QUEUE);
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).executor(this.httpThreads).build();
	}

	CircuitBreaker breaker() {
		return this.breaker;
	}

	/**
	 * Ask for the instances of a service whose checks all pass, as a blocking query.
	 * @param serviceId a valid service name
	 * @param index the index of the previous answer, {@code 0} for an answer at once
	 * @param wait longest time Consul may hold the query when nothing changes
	 * @return the instances and the index of the answer
	 */
	HealthAnswer passingInstances(String serviceId, long index, Duration wait) {
		HttpResponse<String> response = call("GET", healthPath(serviceId, index, wait), null, queryTimeout(wait));
		return new HealthAnswer(parseIndex(response), ConsulInstances.parse(this.json, serviceId, response.body()));
	}

	/**
	 * Ask for the instances of a service whose checks all pass, as a blocking query that
	 * holds no thread while Consul holds it.
	 * @param serviceId a valid service name
	 * @param index the index of the previous answer, {@code 0} for an answer at once
	 * @param wait longest time Consul may hold the query when nothing changes
	 * @return the answer to come; it fails with a {@link ConsulCallException} when Consul
	 * does not answer or refuses, or with the error of reading the answer
	 */
	CompletableFuture<HealthAnswer> passingInstancesAsync(String serviceId, long index, Duration wait) {
		String path = healthPath(serviceId, index, wait);
		if (!this.breaker.tryAcquirePermission()) {
			return CompletableFuture.failedFuture(breakerOpen("GET", path));
		}
		long start = System.nanoTime();
		return this.http.sendAsync(request("GET", path, null, queryTimeout(wait)), BodyHandlers.ofString(UTF_8))
			.handle((response, failure) -> {
				long took = System.nanoTime() - start;
				RuntimeException error = (failure != null) ? unanswered("GET", path, unwrap(failure))
						: refused("GET", path, response);
				if (error != null) {
					this.breaker.onError(took, TimeUnit.NANOSECONDS, error);
					throw error;
				}
				this.breaker.onSuccess(took, TimeUnit.NANOSECONDS);
				return new HealthAnswer(parseIndex(response),
						ConsulInstances.parse(this.json, serviceId, response.body()));
			});
	}

	/**
	 * Return the longest a health query may take: Consul holds it for {@code wait} plus
	 * up to wait/16 of jitter, and the answer must then arrive.
	 * @param wait the wait sent with the query
	 * @return the time after which the query has failed
	 */
	static Duration queryTimeout(Duration wait) {
		return wait.plus(wait.dividedBy(16)).plus(CALL_TIMEOUT);
	}

	private static String healthPath(String serviceId, long index, Duration wait) {
		String path = "/v1/health/service/" + encode(serviceId) + "?passing=true";
		if (index > 0) {
			path += "&index=" + index + "&wait=" + Math.max(1, wait.toSeconds()) + "s";
		}
		return path;
	}

	/**
	 * Register a service instance with the agent (a replace if its id is known).
	 * @param json the registration, as Consul's {@code /v1/agent/service/register} reads
	 * it
	 */
	void register(String json) {
		call("PUT", "/v1/agent/service/register", json, CALL_TIMEOUT);
	}

	/**
	 * Remove a service instance from the agent.
	 * @param instanceId the instance id
	 */
	void deregister(String instanceId) {
		call("PUT", "/v1/agent/service/deregister/" + encode(instanceId), null, CALL_TIMEOUT);
	}

	/**
	 * Tell whether the agent holds a service instance.
	 * @param instanceId the instance id
	 * @return whether the agent knows it
	 */
	boolean isRegistered(String instanceId) {
		try {
			call("GET", "/v1/agent/service/" + encode(instanceId), null, CALL_TIMEOUT);
			return true;
		}
		catch (ConsulCallException ex) {
			if (ex.getStatus() == 404) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Mark a TTL check as passing.
	 * @param checkId the check id
	 */
	void passTtlCheck(String checkId) {
		call("PUT", "/v1/agent/check/pass/" + encode(checkId), null, CALL_TIMEOUT);
	}

	private HttpResponse<String> call(String method, String path, String body, Duration timeout) {
		Supplier<HttpResponse<String>> send = () -> send(method, path, body, timeout);
		try {
			return this.breaker.executeSupplier(send);
		}
		catch (CallNotPermittedException ex) {
			throw breakerOpen(method, path);
		}
	}

	private ConsulCallException breakerOpen(String method, String path) {
		return new ConsulCallException("Consul at " + this.base + " is not called for " + method + " " + pathOnly(path)
				+ ": its circuit breaker is open after repeated failures", 0, null);
	}

	private ConsulCallException unanswered(String method, String path, Throwable ex) {
		if (ex instanceof ConsulCallException call) {
			return call;
		}
		String message = (ex.getMessage() != null) ? " " + ex.getMessage() : "";
		return new ConsulCallException("Consul at " + this.base + " did not answer " + method + " " + pathOnly(path)
				+ ": " + ex.getClass().getSimpleName() + message, 0, ex);
	}

	private ConsulCallException refused(String method, String path, HttpResponse<String> response) {
		if (response.statusCode() < 300) {
			return null;
		}
		return new ConsulCallException("Consul at " + this.base + " answered " + response.statusCode() + " to " + method
				+ " " + pathOnly(path) + ": " + abbreviate(response.body()), response.statusCode(), null);
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private HttpResponse<String> send(String method, String path, String body, Duration timeout) {
		HttpResponse<String> response;
		try {
			response = this.http.send(request(method, path, body, timeout), BodyHandlers.ofString(UTF_8));
		}
		catch (IOException ex) {
			throw unanswered(method, path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ConsulCallException("Interrupted while calling Consul: " + method + " " + pathOnly(path), -1, ex);
		}
		ConsulCallException refused = refused(method, path, response);
		if (refused != null) {
			throw refused;
		}
		return response;
	}

	private HttpRequest request(String method, String path, String body, Duration timeout) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path)).timeout(timeout);
		request.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
				: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (this.token != null) {
			request.header("X-Consul-Token", this.token);
		}
		return request.build();
	}

	private static String pathOnly(String path) {
		int query = path.indexOf('?');
		return (query != -1) ? path.substring(0, query) : path;
	}

	private static String abbreviate(String body) {
		String text = (body != null) ? body.strip() : "";
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

	private static long parseIndex(HttpResponse<String> response) {
		String value = response.headers().firstValue("X-Consul-Index").orElse("0");
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * Let the threads of the HTTP client go; calls made afterwards fail.
	 */
	@Override
	public void close() {
		MeshThreads.shutdown(this.httpThreads);
	}

	@Override
	public String toString() {
		return "ConsulApi[" + this.base + ", token " + ((this.token != null) ? "set" : "not set") + "]";
	}

	/**
	 * One answer of a health query.
	 *
	 * @param index the {@code X-Consul-Index} of the answer
	 * @param instances the passing instances
	 */
	record HealthAnswer(long index, List<ServiceInstance> instances) {

	}

}
