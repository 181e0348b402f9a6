package io.datapunk.mesh.internal.resilience;

import java.net.URI;
import java.time.Instant;

/**
 * Told when an {@link OutlierDetector} ejects or readmits an instance on its own, so that
 * other application instances can be told too. Not told of ejections and readmissions
 * applied from elsewhere ({@link OutlierDetector#applyEjection},
 * {@link OutlierDetector#applyReadmission}), so that nothing is echoed back. Called on
 * the thread that noticed the change, often a calling thread: an implementation must
 * return at once and never block.
 *
 * @since 0.1.0
 */
public interface OutlierListener {

	/**
	 * A listener that does nothing.
	 */
	OutlierListener NONE = new OutlierListener() {

		@Override
		public void ejected(String serviceId, URI instance, Instant until) {
		}

		@Override
		public void readmitted(String serviceId, URI instance, Instant ejectedUntil) {
		}

	};

	/**
	 * An instance was ejected.
	 * @param serviceId the service
	 * @param instance the instance's address, {@code scheme://host:port}
	 * @param until when the ejection ends
	 */
	void ejected(String serviceId, URI instance, Instant until);

	/**
	 * An ejected instance was readmitted, its time being up.
	 * @param serviceId the service
	 * @param instance the instance's address, {@code scheme://host:port}
	 * @param ejectedUntil when the ejection that ended was due to end
	 */
	void readmitted(String serviceId, URI instance, Instant ejectedUntil);

}
