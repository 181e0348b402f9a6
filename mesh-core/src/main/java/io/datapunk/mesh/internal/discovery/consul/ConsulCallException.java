package io.datapunk.mesh.internal.discovery.consul;

/**
 * Thrown when a call to Consul fails: no answer (status 0) or an error status. The
 * message names the method, the path and what Consul said, never the ACL token (which
 * travels only in a header).
 *
 * @since 0.1.0
 */
public class ConsulCallException extends RuntimeException {

	private final int status;

	ConsulCallException(String message, int status, Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	/**
	 * Return the HTTP status Consul answered with.
	 * @return the status, {@code 0} if Consul did not answer, or {@code -1} if the call
	 * was interrupted
	 */
	public int getStatus() {
		return this.status;
	}

	/**
	 * Return whether the failure says Consul is unavailable (no answer or a 5xx), as
	 * opposed to a refusal such as an ACL's 403.
	 * @return whether Consul is unavailable
	 */
	public boolean isUnavailable() {
		return this.status == 0 || this.status >= 500;
	}

	/**
	 * Return whether the call was interrupted by the application, which says nothing
	 * about Consul.
	 * @return whether the call was interrupted
	 */
	public boolean isInterrupted() {
		return this.status == -1;
	}

}
