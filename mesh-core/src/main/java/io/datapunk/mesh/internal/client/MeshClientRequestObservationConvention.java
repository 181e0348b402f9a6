package io.datapunk.mesh.internal.client;

import java.net.URI;

import io.datapunk.mesh.CircuitOpenException;
import io.datapunk.mesh.DeadlineExceededException;
import io.datapunk.mesh.MeshException;
import io.datapunk.mesh.RetriesExhaustedException;
import io.datapunk.mesh.ServiceNotFoundException;
import io.datapunk.mesh.internal.config.ServiceNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;

/**
 * Names the observation of each logical mesh call {@value #NAME} (so the timer is
 * {@code mesh.client.requests}, and a trace has one span per call), tagged by
 * {@code service}, {@code method}, {@code status}, {@code outcome} and {@code exception}.
 * No URI is a tag: paths hold identifiers, which would make a series per item. A call
 * that failed for a mesh reason has the outcome {@code CIRCUIT_OPEN},
 * {@code RETRIES_EXHAUSTED}, {@code DEADLINE_EXCEEDED}, {@code SERVICE_NOT_FOUND} or
 * {@code MESH_ERROR}.
 *
 * @since 0.1.0
 */
public class MeshClientRequestObservationConvention extends DefaultClientRequestObservationConvention {

	/** The observation's name, and so the timer's. */
	public static final String NAME = "mesh.client.requests";

	private static final KeyValue SERVICE_NONE = KeyValue.of("service", "none");

	/**
	 * Create the convention.
	 */
	public MeshClientRequestObservationConvention() {
		super(NAME);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ClientRequestObservationContext context) {
		return KeyValues.of(service(context), method(context), status(context), outcome(context), exception(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ClientRequestObservationContext context) {
		// The logical URL without its query, which may carry tokens.
		ClientHttpRequest request = context.getCarrier();
		if (request == null) {
			return KeyValues.empty();
		}
		URI uri = request.getURI();
		return KeyValues.of(KeyValue.of("http.url", uri.getScheme() + "://" + uri.getRawAuthority()
				+ ((uri.getRawPath() != null) ? uri.getRawPath() : "")));
	}

	/**
	 * Return the called service, {@code none} when the URL's host is not a valid service
	 * name (the call was refused: the host is the caller's input, not a service).
	 * @param context the observation's context
	 * @return the {@code service} tag
	 */
	protected KeyValue service(ClientRequestObservationContext context) {
		ClientHttpRequest request = context.getCarrier();
		String host = (request != null) ? request.getURI().getHost() : null;
		return ServiceNames.isValid(host) ? KeyValue.of("service", host) : SERVICE_NONE;
	}

	@Override
	protected KeyValue outcome(ClientRequestObservationContext context) {
		if (context.getError() instanceof MeshException failure) {
			return KeyValue.of("outcome", meshOutcome(failure));
		}
		return super.outcome(context);
	}

	private static String meshOutcome(MeshException failure) {
		if (failure instanceof CircuitOpenException) {
			return "CIRCUIT_OPEN";
		}
		if (failure instanceof RetriesExhaustedException) {
			return "RETRIES_EXHAUSTED";
		}
		if (failure instanceof DeadlineExceededException) {
			return "DEADLINE_EXCEEDED";
		}
		if (failure instanceof ServiceNotFoundException) {
			return "SERVICE_NOT_FOUND";
		}
		return "MESH_ERROR";
	}

}
