package io.datapunk.mesh.internal.client;

import java.net.URI;

import io.datapunk.mesh.internal.engine.AttemptObserver;
import io.datapunk.mesh.internal.resilience.FailureReasons;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Observes each attempt in Micrometer ({@code mesh.client.attempts}). With no registry in
 * use it costs a check and returns {@link AttemptObserver.Observed#NONE}: no context is
 * built. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class AttemptObservations implements AttemptObserver {

	private static final MeshAttemptObservationConvention CONVENTION = new MeshAttemptObservationConvention();

	private final ObservationRegistry registry;

	AttemptObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Start observing an attempt; the request headers are the carrier, so a tracing
	 * handler puts the attempt span's {@code traceparent} in them.
	 */
	@Override
	public Observed start(String serviceId, URI instance, HttpMethod method, HttpHeaders headers) {
		if (this.registry.isNoop()) {
			return Observed.NONE;
		}
		Observation observation = Observation
			.createNotStarted(null, CONVENTION,
					() -> new MeshAttemptObservationContext(headers, serviceId, instance, method), this.registry)
			.start();
		return (status, failure) -> stop(observation, status, failure);
	}

	private static void stop(Observation observation, int status, Throwable failure) {
		if (observation.isNoop()) {
			return;
		}
		MeshAttemptObservationContext context = (MeshAttemptObservationContext) observation.getContext();
		context.setStatus(status);
		if (failure != null) {
			context.setFailureReason(FailureReasons.of(failure));
			observation.error(failure);
		}
		observation.stop();
	}

}
