package io.datapunk.mesh;

import java.util.List;

/**
 * Thrown when every attempt the mesh was allowed to make for a call failed.
 *
 * @since 0.1.0
 */
public class RetriesExhaustedException extends MeshException {

	/**
	 * Create a new exception.
	 * @param serviceId the called service
	 * @param reason why no further attempt was made
	 * @param attempts the failed attempts, in order
	 * @param cause the failure of the last attempt
	 */
	public RetriesExhaustedException(String serviceId, String reason, List<MeshAttempt> attempts, Throwable cause) {
		super(serviceId, reason, attempts, cause);
	}

}
