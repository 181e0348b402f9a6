package io.datapunk.mesh.internal.engine;

/**
 * Tells a circuit breaker that a call ended with a 5xx answer, which the caller receives
 * as a response rather than as an exception. Never thrown, so it has no stack trace.
 *
 * @author datapunk mesh team
 */
final class ServerErrorStatus extends Exception {

	ServerErrorStatus(String serviceId, int status) {
		super("Service '" + serviceId + "' answered " + status, null, false, false);
	}

}
