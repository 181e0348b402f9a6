package io.datapunk.mesh.internal.client;

import java.net.URI;

import io.datapunk.mesh.internal.resilience.FailureReasons;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Starts and stops the observation of each attempt ({@code mesh.client.attempts}). With
 * no registry in use it costs a check and returns {@link Observation#NOOP}: no context is
 * built. Thread-safe.
 *
 * @author datapunk mesh team
 */
final class AttemptObservations {

	static final AttemptObservations NONE = new AttemptObservations(ObservationRegistry.NOOP);

	private static final MeshAttemptObservationConvention CONVENTION = new MeshAttemptObservationConvention();

	private final ObservationRegistry registry;

	AttemptObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Start observing an attempt; the request headers are the carrier, so a tracing
	 * handler puts the attempt span's {@code traceparent} in them.
	 */
	Observation start(HttpHeaders headers, String serviceId, URI instance, HttpMethod method) {
		if (this.registry.isNoop()) {
			return Observation.NOOP;
		}
		return Observation
			.createNotStarted(null, CONVENTION,
					() -> new MeshAttemptObservationContext(headers, serviceId, instance, method), this.registry)
			.start();
	}

	/**
	 * Stop observing an attempt.
	 * @param status the status answered, 0 if none
	 * @param failure why no usable answer came, or {@code null}
	 */
	static void stop(Observation observation, int status, Throwable failure) {
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
