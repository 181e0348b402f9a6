package io.datapunk.mesh.internal.client;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the observation of each attempt of a mesh call {@value #NAME}, tagged by
 * {@code service}, {@code method}, {@code status} and {@code outcome} ({@code SUCCESS},
 * {@code CLIENT_ERROR}, {@code SERVER_ERROR}, or why no answer came, such as
 * {@code connect-refused} or {@code timeout}); the instance's address is a
 * high-cardinality key, in spans only.
 *
 * @since 0.1.0
 */
public class MeshAttemptObservationConvention implements ObservationConvention<MeshAttemptObservationContext> {

	/** The observation's name, and so the timer's. */
	public static final String NAME = "mesh.client.attempts";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(MeshAttemptObservationContext context) {
		return "mesh attempt " + context.getServiceId();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MeshAttemptObservationContext context) {
		int status = context.getStatus();
		return KeyValues.of(KeyValue.of("service", context.getServiceId()),
				KeyValue.of("method", context.getMethod().name()),
				KeyValue.of("status", (status != 0) ? Integer.toString(status) : "NONE"),
				KeyValue.of("outcome", outcome(context)));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(MeshAttemptObservationContext context) {
		return KeyValues.of(KeyValue.of("instance", context.getInstance().toString()));
	}

	private static String outcome(MeshAttemptObservationContext context) {
		if (context.getFailureReason() != null) {
			return context.getFailureReason();
		}
		int status = context.getStatus();
		if (status >= 500) {
			return "SERVER_ERROR";
		}
		if (status >= 400) {
			return "CLIENT_ERROR";
		}
		return (status > 0) ? "SUCCESS" : "UNKNOWN";
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof MeshAttemptObservationContext;
	}

}
