package io.datapunk.mesh.internal.engine;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.datapunk.mesh.ServiceNotFoundException;
import io.datapunk.mesh.internal.balancer.InstanceLoad;
import io.datapunk.mesh.internal.discovery.InstanceAddresses;
import io.datapunk.mesh.internal.discovery.LookupDeadline;
import io.datapunk.mesh.internal.engine.AttemptObserver.Observed;
import io.datapunk.mesh.internal.engine.Verdict.Kind;
import io.datapunk.mesh.internal.resilience.Deadline;
import io.datapunk.mesh.internal.resilience.OutlierDetector;
import io.datapunk.mesh.internal.resilience.ServiceResilience;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClientResponseException;

/**
 * One logical call and its attempts: each goes to the instance the {@link CandidateChain}
 * chooses, within the deadline, through the call's {@link AttemptSender}; the
 * {@link OutcomeClassifier} judges its outcome once, and the {@link RetryGate} lets a
 * requeue or retry go or ends the call. The body of an answer (its start) is read within
 * the attempt's time limit, so that one cut short is retried too and one that trickles
 * ends with the deadline. Every attempt leaves the instance's in-flight count once,
 * whichever way it ends. Used once, by one thread or one reactive chain at a time: the
 * blocking {@link #run()} and the reactive loop take the same steps.
 *
 * @param <R> the transport's answers
 * @author datapunk mesh team
 */
final class CallLoop<R extends AttemptResponse> {

	/** The least time left for which a retry or requeue is still sent. */
	private static final long MIN_RETRY_NANOS = Duration.ofMillis(5).toNanos();

	private final ServiceResilience service;

	private final CallRequest request;

	private final AttemptSender<R> sender;

	private final EngineParts parts;

	private final Deadline deadline;

	/** Whether the service's TLS is on: every instance is called over HTTPS. */
	private final boolean tls;

	private final OutlierDetector outliers;

	private final OutcomeClassifier classifier;

	private final AttemptHistory history;

	private final CallFailures failures;

	private final RetryGate gate;

	private Throwable lastFailure;

	private int answeredStatus;

	/** The load of the instance the current attempt is in flight on, if any. */
	private InstanceLoad inFlight;

	private long begun;

	/** The wait the last outcome asked for before the next attempt. */
	private Duration backoff = Duration.ZERO;

	CallLoop(ServiceResilience service, CallRequest request, AttemptSender<R> sender, EngineParts parts,
			Deadline deadline, boolean callerDeadline) {
		this.service = service;
		this.request = request;
		this.sender = sender;
		this.parts = parts;
		this.deadline = deadline;
		this.tls = service.settings().tls().enabled();
		this.outliers = service.outlierDetector();
		this.classifier = new OutcomeClassifier(service);
		this.history = new AttemptHistory(this.tls, parts.clock().ticker());
		this.failures = new CallFailures(service.serviceId(), this.history, deadline, callerDeadline);
		this.gate = new RetryGate(service, this.history, deadline, this.failures, parts.clock());
	}

	/** Return the status of the answer {@link #run()} returned. */
	int answeredStatus() {
		return this.answeredStatus;
	}

	/** Return whether the call failed because of its caller, not the service. */
	boolean endedByCaller() {
		return this.failures.isEndedByCaller();
	}

	R run() {
		List<ServiceInstance> instances = start();
		while (true) {
			try {
				AttemptInFlight attempt = prepare(instances);
				R answer = (attempt != null) ? send(attempt) : null;
				if (answer != null) {
					return answer;
				}
			}
			finally {
				abandonIfInFlight();
			}
			Duration backoff = takeBackoff();
			if (!backoff.isZero()) {
				this.gate.pause(backoff, this.lastFailure);
			}
		}
	}

	/** Look the instances up and open the call's account; return the instances. */
	List<ServiceInstance> start() {
		String serviceId = this.service.serviceId();
		List<ServiceInstance> instances = lookUp(serviceId);
		this.service.retryBudget().deposit();
		this.parts.loads().retain(serviceId, instances);
		return instances;
	}

	/**
	 * Choose the next attempt's instance and time, and start it. Return {@code null} when
	 * the instance failed already (an address no client can call): the request goes again
	 * then.
	 * @throws io.datapunk.mesh.MeshException if too little time is left
	 */
	AttemptInFlight prepare(List<ServiceInstance> instances) {
		CandidateChain chain = this.parts.chain();
		List<ServiceInstance> available = chain.available(instances, this.outliers);
		ServiceInstance instance = chain.choose(this.service.serviceId(), available, this.history);
		Duration timeLimit = timeLimit();
		long start = this.parts.clock().now();
		beginInFlight(instance);
		String badAddress = InstanceAddresses.problem(instance);
		if (badAddress != null) {
			// A MeshDiscovery of the application's own handed over an address no
			// client can call: the instance fails, the call goes elsewhere.
			failed(instance, new UnusableAddressException(instance, badAddress), start, available);
			return null;
		}
		Observed observed = this.parts.observer()
			.start(this.service.serviceId(), InstanceUris.base(instance, this.tls), this.request.method(),
					this.request.headers());
		URI target = InstanceUris.resolve(instance, this.request.logical().getURI(), this.tls);
		return new AttemptInFlight(instance, available, target, timeLimit, start, observed);
	}

	/**
	 * Send one attempt on this thread; return the answer, or {@code null} to go again.
	 */
	private R send(AttemptInFlight attempt) {
		R answer;
		try {
			answer = this.sender.send(attempt.target(), attempt.timeLimit());
		}
		catch (IOException ex) {
			return failed(attempt, ex);
		}
		catch (RuntimeException ex) {
			throw clientFailed(attempt, ex);
		}
		return answered(attempt, answer);
	}

	/** An attempt failed: return {@code null} to go again, or end the call. */
	R failed(AttemptInFlight attempt, IOException failure) {
		attempt.observed().stop(0, failure);
		failed(attempt.instance(), failure, attempt.start(), attempt.available());
		return null;
	}

	/**
	 * The HTTP client itself failed (a pool shut down, say): not a retryable outcome.
	 * Return the exception that ends the call.
	 */
	RuntimeException clientFailed(AttemptInFlight attempt, RuntimeException failure) {
		attempt.observed().stop(0, failure);
		this.history.recordFailure(attempt.instance(), Outcomes.describe(failure), attempt.start());
		return this.failures.exhausted("the HTTP client failed", failure);
	}

	/**
	 * The caller cancelled the call while an attempt was in flight: the attempt says
	 * nothing of the instance, and the call nothing of the service.
	 */
	void cancelled(AttemptInFlight attempt) {
		this.failures.endedByCaller();
		if (attempt != null && this.inFlight != null) {
			attempt.observed().stop(0, new java.util.concurrent.CancellationException("cancelled by the caller"));
		}
		abandonIfInFlight();
	}

	/** Return the wait before the next attempt the last outcome asked for, once. */
	Duration takeBackoff() {
		Duration backoff = this.backoff;
		this.backoff = Duration.ZERO;
		return backoff;
	}

	void abandonIfInFlight() {
		if (this.inFlight != null) {
			abandonInFlight();
		}
	}

	private List<ServiceInstance> lookUp(String serviceId) {
		// A first lookup may wait on a source: never past this call's deadline.
		try (LookupDeadline.Scope lookup = LookupDeadline.within(this.deadline.remaining())) {
			List<ServiceInstance> instances = this.parts.discovery().getInstances(serviceId);
			if (instances.isEmpty()) {
				throw new ServiceNotFoundException(serviceId, this.parts.discovery().describeSources());
			}
			return instances;
		}
	}

	/**
	 * Return the time the next attempt has, and tell it downstream; end the call when too
	 * little is left.
	 */
	private Duration timeLimit() {
		long remaining = this.deadline.remainingNanos();
		if (remaining <= 0 || (this.history.hasFailures() && remaining < MIN_RETRY_NANOS)) {
			// A retry or requeue with a few hundred microseconds left could not be
			// answered in time: the instance would only work for nothing.
			throw this.failures.deadlineExceeded(this.lastFailure);
		}
		Duration attemptTimeout = this.service.settings().attemptTimeout();
		Duration timeLimit = (attemptTimeout != null && attemptTimeout.toNanos() < remaining) ? attemptTimeout
				: Duration.ofNanos(remaining);
		if (this.parts.propagateDeadlines()) {
			// The time this attempt has, so the instance stops when this side does.
			this.request.headers().set(Deadline.HEADER, Long.toString(Math.max(1, timeLimit.toMillis())));
		}
		return timeLimit;
	}

	/**
	 * An attempt was answered: return the answer for the caller, or {@code null} to go
	 * again.
	 */
	R answered(AttemptInFlight attempt, R answer) {
		ServiceInstance instance = attempt.instance();
		Observed observed = attempt.observed();
		long start = attempt.start();
		List<ServiceInstance> available = attempt.available();
		HttpStatusCode status = answer.status();
		Verdict verdict = classify(answer, observed);
		if (verdict.kind() == Kind.SUCCESS) {
			try {
				// Within the attempt's time limit: an instance that dies halfway through
				// the body costs a retry (or a clear failure), not an error once the call
				// has returned, and one that trickles cannot keep the call past its
				// deadline.
				answer = this.sender.readBody(answer);
			}
			catch (IOException ex) {
				observed.stop(0, ex);
				failed(instance, ex, start, available);
				return null;
			}
		}
		observed.stop(status.value(), null);
		endInFlight(verdict.countsForBreaker());
		countForEjection(instance, verdict.countsForEjection());
		if (verdict.kind() == Kind.SUCCESS) {
			this.answeredStatus = status.value();
			return answer;
		}
		this.history.recordFailure(instance, describe(status), start);
		RestClientResponseException cause = new RestClientResponseException(
				"Instance " + InstanceUris.base(instance, this.tls) + " answered " + describe(status), status,
				reasonOf(status), answer.headers(), null, null);
		this.lastFailure = cause;
		answer.close();
		if (verdict.kind() == Kind.GIVE_UP) {
			throw this.failures.exhausted(verdict.reason(), cause);
		}
		this.backoff = this.gate.permitRetry(available, cause);
		return null;
	}

	private Verdict classify(R answer, Observed observed) {
		try {
			return this.classifier.ofAnswer(answer.status(), answer.headers(), this.request);
		}
		catch (RuntimeException | Error ex) {
			// A user's RetryCondition failed: the answer never reaches anyone.
			answer.close();
			observed.stop(answer.status().value(), null);
			throw ex;
		}
	}

	private void failed(ServiceInstance instance, IOException failure, long start, List<ServiceInstance> available) {
		this.history.recordFailure(instance, Outcomes.describe(failure), start);
		this.lastFailure = failure;
		Verdict verdict = this.classifier.ofFailure(failure, this.request, this.failures.callerGaveUp(),
				this.deadline.isExpired(), this.history.hasUntried(available));
		if (verdict.countsForEjection()) {
			endInFlight(true);
			countForEjection(instance, true);
		}
		else {
			abandonInFlight();
		}
		switch (verdict.kind()) {
			case DEADLINE -> throw this.failures.deadlineExceeded(failure);
			case REQUEUE -> this.gate.requeue(failure);
			case GIVE_UP -> throw this.failures.exhausted(verdict.reason(), failure);
			default -> this.backoff = this.gate.permitRetry(available, failure);
		}
	}

	private void countForEjection(ServiceInstance instance, boolean failure) {
		if (this.outliers == null) {
			return;
		}
		if (failure) {
			this.outliers.onFailure(instance);
		}
		else {
			this.outliers.onSuccess(instance);
		}
	}

	private void beginInFlight(ServiceInstance instance) {
		this.inFlight = this.parts.loads().of(this.service.serviceId(), instance);
		this.begun = this.inFlight.begin();
	}

	private void endInFlight(boolean failed) {
		this.inFlight.end(this.begun, failed);
		this.inFlight = null;
	}

	private void abandonInFlight() {
		this.inFlight.abandon();
		this.inFlight = null;
	}

	private static String describe(HttpStatusCode status) {
		return status.value() + " " + reasonOf(status);
	}

	private static String reasonOf(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.getReasonPhrase() : "";
	}

}
