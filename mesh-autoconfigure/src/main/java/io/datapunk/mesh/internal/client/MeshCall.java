package io.datapunk.mesh.internal.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.datapunk.mesh.DeadlineExceededException;
import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.ServiceNotFoundException;
import io.datapunk.mesh.internal.balancer.InstanceLoad;
import io.datapunk.mesh.internal.balancer.InstanceLoads;
import io.datapunk.mesh.spi.MeshLoadBalancer;
import io.datapunk.mesh.internal.discovery.InstanceAddresses;
import io.datapunk.mesh.internal.discovery.LookupDeadline;
import io.datapunk.mesh.spi.MeshDiscovery;
import io.datapunk.mesh.internal.resilience.Deadline;
import io.datapunk.mesh.internal.resilience.FailureReasons;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.internal.resilience.RetryPolicy;
import io.datapunk.mesh.internal.resilience.ServiceResilience;

import io.micrometer.observation.Observation;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClientResponseException;
import io.datapunk.mesh.Idempotent;

/**
 * One logical call and its attempts. A request that never reached a server is requeued at
 * once on an instance not tried yet, whatever its method; other failures are retried,
 * preferably on another instance, if the method may be repeated and attempts are left: at
 * once the first time another instance can take it, after a backoff otherwise. Both draw
 * on the service's retry budget, and nothing outlives the deadline. The body of an answer
 * (its first 64 KiB) is read within the attempt's time limit, before the call returns, so
 * that one cut short is retried too and one that trickles ends with the deadline. Used by
 * one thread, once.
 *
 * @author datapunk mesh team
 */
final class MeshCall {

	/** The least time left for which a retry or requeue is still sent. */
	private static final long MIN_RETRY_NANOS = Duration.ofMillis(5).toNanos();

	private final ServiceResilience service;

	private final MeshClientHttpRequest request;

	private final HttpHeaders headers;

	private final byte[] body;

	private final Deadline deadline;

	private final MeshDiscovery discovery;

	private final MeshLoadBalancer balancer;

	private final InstanceLoads loads;

	private final AttemptTransport transport;

	private final boolean propagateDeadline;

	/** Whether the service's TLS is on: every instance is called over HTTPS. */
	private final boolean tls;

	private final AttemptObservations observations;

	private final AttemptHistory history;

	private int retries;

	/** Retries that waited a backoff; the next wait's bound doubles with each. */
	private int backedOffRetries;

	/** Whether the deadline is the caller's, shorter than the service's own timeout. */
	private final boolean callerDeadline;

	/**
	 * Whether the call ended because of its caller (deadline, interrupt), not the
	 * service.
	 */
	private boolean endedByCaller;

	private Throwable lastFailure;

	private int answeredStatus;

	MeshCall(ServiceResilience service, MeshClientHttpRequest request, HttpHeaders headers, byte[] body,
			Deadline deadline, boolean callerDeadline, MeshDiscovery discovery, MeshLoadBalancer balancer,
			InstanceLoads loads, AttemptTransport transport, boolean propagateDeadline,
			AttemptObservations observations) {
		this.service = service;
		this.request = request;
		this.headers = headers;
		this.body = body;
		this.deadline = deadline;
		this.callerDeadline = callerDeadline;
		this.discovery = discovery;
		this.balancer = balancer;
		this.loads = loads;
		this.transport = transport;
		this.propagateDeadline = propagateDeadline;
		this.tls = service.settings().tls().enabled();
		this.observations = observations;
		this.history = new AttemptHistory(this.tls);
	}

	/**
	 * Return the status of the answer {@link #run()} returned.
	 */
	int answeredStatus() {
		return this.answeredStatus;
	}

	/**
	 * Return whether the call failed because of its caller (its shorter deadline, an
	 * interrupt) rather than because of the service, so the breaker should not count it.
	 */
	boolean endedByCaller() {
		return this.endedByCaller;
	}

	ClientHttpResponse run() {
		String serviceId = this.service.serviceId();
		List<ServiceInstance> instances;
		// A first lookup may wait on a source: never past this call's deadline.
		try (LookupDeadline.Scope lookup = LookupDeadline.within(this.deadline.remaining())) {
			instances = this.discovery.getInstances(serviceId);
		}
		if (instances.isEmpty()) {
			throw new ServiceNotFoundException(serviceId, this.discovery.describeSources());
		}
		this.service.retryBudget().deposit();
		this.loads.retain(serviceId, instances);
		OutlierDetector outliers = this.service.outlierDetector();
		while (true) {
			List<ServiceInstance> available = (outliers != null) ? outliers.select(instances) : instances;
			if (available.isEmpty()) {
				// Only with panic mode off (threshold 0): none available means try them
				// all.
				available = instances;
			}
			ServiceInstance instance = this.balancer.choose(serviceId, this.history.untriedOrAll(available));
			long remaining = this.deadline.remainingNanos();
			if (remaining <= 0 || (this.history.hasFailures() && remaining < MIN_RETRY_NANOS)) {
				// A retry or requeue with a few hundred microseconds left could not be
				// answered in time: the instance would only work for nothing.
				throw deadlineExceeded(this.lastFailure);
			}
			Duration timeLimit = timeLimit(remaining);
			if (this.propagateDeadline) {
				// The time this attempt has, so the instance stops when this side does.
				this.headers.set(Deadline.HEADER, Long.toString(Math.max(1, timeLimit.toMillis())));
			}
			long start = System.nanoTime();
			InstanceLoad load = this.loads.of(serviceId, instance);
			String badAddress = InstanceAddresses.problem(instance);
			if (badAddress != null) {
				// A MeshDiscovery of the application's own handed over an address no
				// client can call: the instance fails, the call goes elsewhere.
				attemptFailed(instance, new UnusableAddressException(instance, badAddress), start, load, load.begin(),
						available);
				continue;
			}
			long begun = load.begin();
			// Every way out of this attempt ends its in-flight count once.
			boolean ended = false;
			try {
				Observation observation = this.observations.start(this.headers, serviceId,
						InstanceUris.base(instance, this.tls), this.request.getMethod());
				ClientHttpResponse response;
				HttpStatusCode status;
				try {
					response = this.transport.send(InstanceUris.resolve(instance, this.request.getURI(), this.tls),
							this.request.getMethod(), this.headers, this.request.getAttributes(), this.body, timeLimit);
					status = statusOf(response);
				}
				catch (IOException ex) {
					AttemptObservations.stop(observation, 0, ex);
					ended = true;
					attemptFailed(instance, ex, start, load, begun, available);
					continue;
				}
				catch (RuntimeException ex) {
					AttemptObservations.stop(observation, 0, ex);
					// The HTTP client itself failed (a pool shut down, say): not a
					// retryable outcome.
					this.history.recordFailure(instance, Outcomes.describe(ex), start);
					throw exhausted("the HTTP client failed", ex);
				}
				boolean retryable;
				try {
					retryable = isRetryable(status, response);
				}
				catch (RuntimeException | Error ex) {
					AttemptObservations.stop(observation, status.value(), null);
					throw ex;
				}
				if (!retryable) {
					try {
						// Within the attempt's time limit: an instance that dies halfway
						// through the body costs a retry (or a clear failure), not an
						// error once the call has returned, and one that trickles cannot
						// keep the call past its deadline.
						response = BufferedBodyResponse.read(response, status, this.request.getMethod(), () -> false);
					}
					catch (IOException ex) {
						AttemptObservations.stop(observation, 0, ex);
						ended = true;
						attemptFailed(instance, ex, start, load, begun, available);
						continue;
					}
				}
				AttemptObservations.stop(observation, status.value(), null);
				boolean serverError = status.is5xxServerError();
				ended = true;
				load.end(begun, serverError);
				if (outliers != null) {
					// Gateway failures (502, 503, 504) by default, not any 5xx.
					if (outliers.countsAsFailure(status.value())) {
						outliers.onFailure(instance);
					}
					else {
						outliers.onSuccess(instance);
					}
				}
				if (!retryable) {
					this.answeredStatus = status.value();
					return response;
				}
				this.history.recordFailure(instance, describe(status), start);
				RestClientResponseException cause = new RestClientResponseException(
						"Instance " + InstanceUris.base(instance, this.tls) + " answered " + describe(status), status,
						reasonOf(status), response.getHeaders(), null, null);
				this.lastFailure = cause;
				response.close();
				retryOrThrow(available, cause);
			}
			finally {
				if (!ended) {
					load.abandon();
				}
			}
		}
	}

	private void attemptFailed(ServiceInstance instance, IOException failure, long start, InstanceLoad load, long begun,
			List<ServiceInstance> available) {
		this.history.recordFailure(instance, Outcomes.describe(failure), start);
		this.lastFailure = failure;
		if (isInstanceFailure()) {
			load.end(begun, true);
			OutlierDetector outliers = this.service.outlierDetector();
			if (outliers != null) {
				outliers.onFailure(instance);
			}
		}
		else {
			load.abandon();
		}
		afterFailure(available, failure);
	}

	/**
	 * Return whether a failure after sending could still be retried: the method may be
	 * repeated and attempts are left. Budget and deadline are checked when it happens.
	 */
	private boolean mayRetry() {
		RetryPolicy policy = this.service.retryPolicy();
		return 1 + this.retries < policy.maxAttempts()
				&& policy.mayRepeat(this.request.getMethod(), isMarkedIdempotent());
	}

	/**
	 * Return whether the attempt that just failed says something about its instance: not
	 * when the caller's shorter deadline cut it, nor when this thread was interrupted.
	 */
	private boolean isInstanceFailure() {
		if (Thread.currentThread().isInterrupted()) {
			this.endedByCaller = true;
			return false;
		}
		if (this.callerDeadline && this.deadline.isExpired()) {
			this.endedByCaller = true;
			return false;
		}
		return true;
	}

	private boolean isRetryable(HttpStatusCode status, ClientHttpResponse response) {
		try {
			return this.service.retryPolicy()
				.isRetryable(this.service.serviceId(), this.request, status, response.getHeaders());
		}
		catch (RuntimeException | Error ex) {
			// A user's RetryCondition failed: the response never reaches anyone.
			response.close();
			throw ex;
		}
	}

	private Duration timeLimit(long remainingNanos) {
		Duration attemptTimeout = this.service.settings().attemptTimeout();
		return (attemptTimeout != null && attemptTimeout.toNanos() < remainingNanos) ? attemptTimeout
				: Duration.ofNanos(remainingNanos);
	}

	private static HttpStatusCode statusOf(ClientHttpResponse response) throws IOException {
		try {
			return response.getStatusCode();
		}
		catch (IOException | RuntimeException ex) {
			response.close();
			throw ex;
		}
	}

	private void afterFailure(List<ServiceInstance> available, IOException failure) {
		if (this.deadline.isExpired()) {
			throw deadlineExceeded(failure);
		}
		if (RetryPolicy.isTlsFailure(failure)) {
			// The handshake failed, so the request was not processed: another instance
			// may take it at once, but this one would fail the same way.
			if (!this.history.hasUntried(available)) {
				throw exhausted("TLS failure, not retried on the same instance, and no other instance is left",
						failure);
			}
			withdrawFromBudget(failure);
			this.history.markLastRequeued();
			this.service.statistics().requeued(FailureReasons.of(failure));
			return;
		}
		if (RetryPolicy.neverReachedServer(failure) && this.history.hasUntried(available)) {
			// Nothing reached a server, so any method may go elsewhere at once.
			withdrawFromBudget(failure);
			this.history.markLastRequeued();
			this.service.statistics().requeued(FailureReasons.of(failure));
			return;
		}
		if (!this.service.retryPolicy().isRetryable(this.service.serviceId(), this.request, failure)) {
			throw exhausted("the failure is not one to retry (see retry.exceptions)", failure);
		}
		retryOrThrow(available, failure);
	}

	private void retryOrThrow(List<ServiceInstance> available, Throwable cause) {
		RetryPolicy policy = this.service.retryPolicy();
		if (!policy.mayRepeat(this.request.getMethod(), isMarkedIdempotent())) {
			throw exhausted(this.request.getMethod() + " is not idempotent, so it was not sent again (mark the method "
					+ "@Idempotent or list it in retry.methods)", cause);
		}
		if (1 + this.retries >= policy.maxAttempts()) {
			throw exhausted("no retry left (retry.max-attempts is " + policy.maxAttempts() + ")", cause);
		}
		Duration backoff = backoffBeforeRetry(available);
		if (!backoff.isZero() && backoff.toNanos() >= this.deadline.remainingNanos()) {
			throw deadlineExceeded(cause);
		}
		withdrawFromBudget(cause);
		this.service.statistics().retried(FailureReasons.of(cause));
		this.retries++;
		if (!backoff.isZero()) {
			sleep(backoff, cause);
		}
	}

	private void withdrawFromBudget(Throwable cause) {
		if (!this.service.retryBudget().tryWithdraw()) {
			this.service.statistics().budgetExhausted();
			throw exhausted("the retry budget of service '" + this.service.serviceId() + "' is spent", cause);
		}
	}

	/**
	 * Return the wait before the next retry. The first retry goes at once when another
	 * instance can take it, as a requeue does: one failing instance then costs its
	 * callers a round trip, not a backoff. Later retries, and a first retry that can only
	 * go back to an instance already tried, wait with full jitter, the bound doubling
	 * from {@code base-backoff}, so that a service failing as a whole is not pressed.
	 */
	private Duration backoffBeforeRetry(List<ServiceInstance> available) {
		if (this.retries == 0 && this.history.hasUntried(available)) {
			return Duration.ZERO;
		}
		this.backedOffRetries++;
		return this.service.backoff().delay(this.backedOffRetries);
	}

	private boolean isMarkedIdempotent() {
		return Boolean.TRUE.equals(this.request.getAttributes().get(Idempotent.ATTRIBUTE));
	}

	private void sleep(Duration backoff, Throwable cause) {
		try {
			Thread.sleep(backoff.toMillis(), backoff.toNanosPart() % 1_000_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.endedByCaller = true;
			throw exhausted("interrupted while waiting to retry", cause);
		}
	}

	private MeshException exhausted(String reason, Throwable cause) {
		return new RetriesExhaustedException(this.service.serviceId(), reason, this.history.attempts(), cause);
	}

	private MeshException deadlineExceeded(Throwable cause) {
		this.endedByCaller |= this.callerDeadline;
		return new DeadlineExceededException(this.service.serviceId(), this.deadline.timeout(), this.history.attempts(),
				cause);
	}

	private static String describe(HttpStatusCode status) {
		return status.value() + " " + reasonOf(status);
	}

	private static String reasonOf(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase() : "";
	}

}
