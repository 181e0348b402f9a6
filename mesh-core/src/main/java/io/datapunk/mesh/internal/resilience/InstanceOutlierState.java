package io.datapunk.mesh.internal.resilience;

import java.net.URI;
import java.time.Instant;

/**
 * What an {@link OutlierDetector} knows about one instance at a moment, for status
 * endpoints and tests.
 *
 * @param instance the instance's address, {@code scheme://host:port}
 * @param consecutiveFailures the failures since the last success or readmission
 * @param ejected whether the instance is ejected
 * @param ejectedUntil when the ejection ends, or {@code null} if the instance is not
 * ejected
 * @param ejectionCount how many times the instance has been ejected since the detector
 * began tracking it
 * @since 0.1.0
 */
public record InstanceOutlierState(URI instance, int consecutiveFailures, boolean ejected, Instant ejectedUntil,
		int ejectionCount) {

}
